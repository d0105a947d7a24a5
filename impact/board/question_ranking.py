"""Which of the board's questions to ask first: the generated questions, most material first.

A board has time for a few questions, not the twenty-five its metrics raise between them, so
the overview shows :data:`TOP_OVERVIEW` of them, each priority :data:`TOP_PER_PRIORITY`, and
the rest wait behind "more questions". Materiality is worked out from facts the page also
shows, so a page can say why each question is asked:

* a special cause of concern at the latest point (:data:`CONCERN_WEIGHT`);
* how far the latest value misses its target, relative to the target so a percentage and a
  count compare (:data:`SHORTFALL_WEIGHT` times the shortfall, capped at the target itself;
  any count above a target of none is the whole shortfall);
* failing (concern, consistently failing, or missing the target) with no active
  improvement project aimed at the metric (:data:`UNWORKED_WEIGHT`);
* limits recalculated or restarted within the metric's last :data:`RECENT_POINTS` points
  (:data:`RECALCULATED_WEIGHT`): the process has just changed.

The order is then: questions with some materiality first, then those about an improvement to
sustain (or with nothing material), and the stale-data questions last of all. Within those,
one question per metric before any metric's second, so five questions cover five material
metrics rather than three of one; then the higher score; then the kind of question (concern,
target, no improvement work, improvement, stale); then the board's own order. Every step is
a plain comparison, so the same board always gives the same order.

A :class:`~impact.board.model.MetricAnswer` carries its questions as text, so the kind of
each is found by asking :func:`~impact.board.questions.board_question_items` again with the
answer's own facts; a question worded elsewhere keeps its place by its metric's score.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from impact.board.model import MetricAnswer, OrgBoard
from impact.board.points import REBASED, RECALCULATED
from impact.board.questions import (
    QuestionKind,
    board_question_items,
    lower_first,
    misses,
)
from impact.calendar import month_long, month_short, period_long, period_short
from impact.units import format_value

#: At most this many questions beside the summary matrix on the overview.
TOP_OVERVIEW = 5
#: At most this many questions per priority before "more questions".
TOP_PER_PRIORITY = 3

#: The weights: a concern signal counts as much as missing the target by its whole size;
#: failing with nothing aimed at it half as much; a recent recalculation a quarter.
CONCERN_WEIGHT = 4.0
SHORTFALL_WEIGHT = 4.0
UNWORKED_WEIGHT = 2.0
RECALCULATED_WEIGHT = 1.0
#: A recalculation among a metric's last this-many points is recent.
RECENT_POINTS = 6

#: The order of the kinds within a tie: what a question is about, most material first.
KIND_ORDER: dict[QuestionKind | None, int] = {
    "concern": 0,
    "target": 1,
    "no_work": 2,
    None: 3,  # a question whose kind could not be told (worded elsewhere)
    "improvement": 4,
    "stale": 5,
}


@dataclass(frozen=True)
class Materiality:
    """The facts about one metric that make its questions material, and their score."""

    concern: bool
    shortfall: float
    unworked: bool
    limits_restarted: tuple[str, date] | None
    stale: bool

    @property
    def score(self) -> float:
        return (
            CONCERN_WEIGHT * self.concern
            + SHORTFALL_WEIGHT * self.shortfall
            + UNWORKED_WEIGHT * self.unworked
            + RECALCULATED_WEIGHT * (self.limits_restarted is not None)
        )


@dataclass(frozen=True)
class RankedQuestion:
    """One question in its place: the metric it names, why it is asked, and its score."""

    rank: int
    answer: MetricAnswer
    question: str
    kind: QuestionKind | None
    score: float
    reasons: tuple[str, ...]
    short_reasons: tuple[str, ...] = ()

    @property
    def metric_name(self) -> str:
        return self.answer.metric.metric_name

    @property
    def metric_id(self) -> str:
        return self.answer.metric.metric_id

    @property
    def reason(self) -> str:
        """``Asked because of a special cause of concern; …`` for the page to show."""
        return "Asked because " + "; ".join(self.reasons) + "."

    @property
    def short_reason(self) -> str:
        """``Why: concern signal · no improvement project`` where space is short."""
        return "Why: " + " · ".join(self.short_reasons)


def relative_shortfall(answer: MetricAnswer) -> float:
    """How far the latest value misses the target, as a share of the target (0 to 1)."""
    latest, target = answer.latest_value, answer.target
    if latest is None or target is None or not misses(latest, target, answer.metric.direction):
        return 0.0
    if target == 0:
        return 1.0
    return min(abs(latest - target) / abs(target), 1.0)


def active_projects(answer: MetricAnswer) -> int:
    """The number of the organisation's active improvement projects aimed at the metric."""
    projects = answer.projects
    if projects.empty or "status" not in projects:
        return 0
    return int((projects["status"] == "active").sum())


#: The point columns the questions and their ranking read (the rest are the chart's).
_READ = ("period_start", "value", "mean", "point_type", "special_cause_type", "limits_change")


def _valued(answer: MetricAnswer) -> pd.DataFrame:
    """The metric's points that have a value, in the few columns read here (cheap to copy)."""
    points = answer.points
    if points.empty or "value" not in points:
        return points
    return points.loc[points["value"].notna(), [c for c in _READ if c in points]]


def limits_restarted(
    answer: MetricAnswer, valued: pd.DataFrame | None = None
) -> tuple[str, date] | None:
    """How and when the limits last restarted, if within the last :data:`RECENT_POINTS`."""
    points = _valued(answer) if valued is None else valued
    if "limits_change" not in points:
        return None
    changes = points["limits_change"].to_numpy()[-RECENT_POINTS:]
    starts = points["period_start"].to_numpy()[-RECENT_POINTS:]
    for how, when in zip(changes[::-1], starts[::-1], strict=True):
        if how in (RECALCULATED, REBASED):
            return str(how), pd.Timestamp(when).date()
    return None


def materiality(answer: MetricAnswer, valued: pd.DataFrame | None = None) -> Materiality:
    """The facts that make a metric's questions material (see the module's docstring)."""
    concern = answer.variation == "special_cause_concern"
    latest_misses = answer.latest_value is not None and misses(
        answer.latest_value, answer.target, answer.metric.direction
    )
    failing = concern or answer.assurance == "consistent_fail" or latest_misses
    return Materiality(
        concern=concern,
        shortfall=relative_shortfall(answer),
        unworked=failing and active_projects(answer) == 0,
        limits_restarted=limits_restarted(answer, valued),
        stale=answer.stale,
    )


#: A reason as a sentence part (``the latest figure, 72%, misses its target of 80%``) and
#: as a short tag for the first screen (``72% against a target of 80%``).
Reason = tuple[str, str]


def _reasons(answer: MetricAnswer, facts: Materiality, kind: QuestionKind | None) -> list[Reason]:
    """Why a question is asked, in words, from the facts that scored it."""
    if kind == "stale":
        when = period_long(answer.latest_period, answer.metric.frequency)
        short = period_short(answer.latest_period, answer.metric.frequency)
        return [
            (
                f"the latest figures, for {when}, are older than this measure's frequency allows",
                f"latest figures {short} (stale)",
            )
        ]
    if kind == "improvement":
        improving = ("a special cause of improvement at the latest point", "improvement signal")
        return [improving, *_restart_reason(facts)]
    reasons: list[Reason] = []
    if facts.concern:
        reasons.append(("a special cause of concern at the latest point", "concern signal"))
    if facts.shortfall > 0:
        latest = answer.latest_text
        if answer.target == 0 and answer.metric.direction == "decrease":
            reasons.append(
                (
                    f"the latest figure is {latest} against an aim of none",
                    f"{latest} against an aim of none",
                )
            )
        else:
            target = format_value(answer.target, answer.metric.unit)
            reasons.append(
                (
                    f"the latest figure, {latest}, misses its target of {target}",
                    f"{latest} against a target of {target}",
                )
            )
    if answer.assurance == "consistent_fail" and not facts.shortfall:
        reasons.append(("its process is consistently failing the target", "consistently failing"))
    if facts.unworked:
        reasons.append(("no active improvement project is aimed at it", "no improvement project"))
    reasons += _restart_reason(facts)
    if not reasons:
        reasons.append((f"a signal in {lower_first(answer.metric.metric_name)}", "signal"))
    return reasons


def _restart_reason(facts: Materiality) -> list[Reason]:
    """When the limits last restarted, if recently, in words."""
    if facts.limits_restarted is None:
        return []
    how, when = facts.limits_restarted
    if how == RECALCULATED:
        return [
            (
                f"its limits were recalculated in {month_long(when)}",
                f"limits recalculated {month_short(when)}",
            )
        ]
    return [
        (
            f"its limits restarted at a change recorded in {month_long(when)}",
            f"limits restarted {month_short(when)}",
        )
    ]


def question_kinds(
    answer: MetricAnswer, valued: pd.DataFrame | None = None
) -> dict[str, QuestionKind]:
    """Each generated question's kind, by asking the question generator the same facts."""
    items = board_question_items(
        answer.metric,
        _valued(answer) if valued is None else valued,
        assurance=answer.assurance,
        target=answer.target,
        active_projects=active_projects(answer),
        stale=answer.stale,
    )
    return {item.text: item.kind for item in items}


def _tier(kind: QuestionKind | None, score: float) -> int:
    """0: material; 1: an improvement to sustain, or nothing material; 2: stale data."""
    if kind == "stale":
        return 2
    return 0 if score > 0 and kind != "improvement" else 1


def ranked_questions(
    board: OrgBoard, priority: str | None = None, limit: int | None = None
) -> list[RankedQuestion]:
    """The board's questions (of one priority, or all), most material first, with why.

    ``limit`` keeps only the first so many; ``None`` keeps them all (the page's "more
    questions" are the ones after the first few of this same list).
    """
    candidates = []
    for position, answer in enumerate(board.answers):
        if priority is not None and answer.metric.priority != priority or not answer.questions:
            continue
        valued = _valued(answer)
        facts = materiality(answer, valued)
        kinds = question_kinds(answer, valued)
        questions = sorted(
            enumerate(answer.questions), key=lambda pair: KIND_ORDER[kinds.get(pair[1])]
        )
        rounds: dict[int, int] = {}
        for index, question in questions:
            kind = kinds.get(question)
            tier = _tier(kind, facts.score)
            round_ = rounds.get(tier, 0)
            rounds[tier] = round_ + 1
            key = (tier, round_, -facts.score, KIND_ORDER[kind], position, index)
            candidates.append((key, answer, question, kind, facts))
    candidates.sort(key=lambda c: c[0])
    if limit is not None:
        candidates = candidates[:limit]
    ranked = []
    for rank, (_, answer, question, kind, facts) in enumerate(candidates, start=1):
        reasons = _reasons(answer, facts, kind)
        ranked.append(
            RankedQuestion(
                rank=rank,
                answer=answer,
                question=question,
                kind=kind,
                score=facts.score,
                reasons=tuple(long for long, _ in reasons),
                short_reasons=tuple(short for _, short in reasons),
            )
        )
    return ranked


def for_priority(ranked: list[RankedQuestion], priority: str | None) -> list[RankedQuestion]:
    """One priority's share of a whole board's ranking, numbered afresh from 1.

    The same as ``ranked_questions(board, priority)`` (each question's place depends only on
    its own metric), so a page that ranks the board once can draw every priority from it.
    """
    if priority is None:
        return ranked
    mine = [r for r in ranked if r.answer.metric.priority == priority]
    return [replace(r, rank=rank) for rank, r in enumerate(mine, start=1)]


def top_and_rest(
    board: OrgBoard,
    priority: str | None,
    top: int,
    ranked: list[RankedQuestion] | None = None,
) -> tuple[list[RankedQuestion], list[RankedQuestion]]:
    """The first ``top`` ranked questions, and the rest (for "more questions").

    ``ranked`` is the whole board's ranking when the caller already has it.
    """
    mine = ranked_questions(board, priority) if ranked is None else for_priority(ranked, priority)
    return mine[:top], mine[top:]
