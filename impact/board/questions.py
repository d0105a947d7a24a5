"""Questions the board may wish to ask about a metric, generated from its signals.

Each question comes from one fact the page also shows (a special cause, the assurance, the
absence of improvement work, stale data), so a board member can see why it is asked, and
each names its metric, so it still reads right when listed away from the metric's card. They
are phrased as questions, never instructions (no "must", "should" or "action required").

:func:`board_question_items` says which fact raised each question (its :data:`QuestionKind`),
so :mod:`impact.board.question_ranking` can put the most material first;
:func:`board_questions` is the same list as plain text.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

import pandas as pd

from impact.board.model import Metric
from impact.calendar import month_long
from impact.units import format_value

#: Which fact raised a question: a special cause of concern at the end of the series, one of
#: improvement, a target the process fails or only sometimes meets, failing with no
#: improvement work aimed at it, or figures older than the metric's frequency allows.
QuestionKind = Literal["concern", "improvement", "target", "no_work", "stale"]
#: Every kind, in the order a metric's questions are listed.
QUESTION_KINDS: tuple[QuestionKind, ...] = ("concern", "improvement", "target", "no_work", "stale")


class QuestionItem(NamedTuple):
    """One generated question and the kind of fact that raised it."""

    kind: QuestionKind
    text: str


def lower_first(name: str) -> str:
    """``Waits over 12 hours`` → ``waits over 12 hours``; acronyms (A&E, RTT) kept."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def trailing_run(points: pd.DataFrame, point_type: str) -> pd.DataFrame:
    """The points at the end of the series that all share ``point_type``."""
    types = points["point_type"].tolist()
    n = 0
    while n < len(types) and types[len(types) - 1 - n] == point_type:
        n += 1
    return points.iloc[len(points) - n :]


def misses(value: float, target: float | None, direction: str) -> bool:
    """Whether ``value`` is on the wrong side of ``target`` for this direction."""
    if target is None or pd.isna(value):
        return False
    if direction == "increase":
        return value < target
    if direction == "decrease":
        return value > target
    return False


def _signal_question(metric: Metric, points: pd.DataFrame) -> QuestionItem | None:
    """The question a special cause at the end of the series raises, if any."""
    last = points.iloc[-1]
    last_type = str(last.get("point_type") or "")
    name = lower_first(metric.metric_name)
    if last_type == "special_cause_improvement":
        run = trailing_run(points, last_type)
        return QuestionItem(
            "improvement",
            f"What has improved {name} since {month_long(run['period_start'].iloc[0])}, "
            "and can it be sustained or spread?",
        )
    if last_type != "special_cause_concern":
        return None
    rule = str(last.get("special_cause_type") or "")
    run = trailing_run(points, last_type)
    since = month_long(run["period_start"].iloc[0])
    side = "above" if float(last["value"]) > float(last["mean"]) else "below"
    if "Trend" in rule:
        text = (
            f"What is behind the {len(run)}-{metric.frequency} "
            f"{'rising' if 'Increasing' in rule else 'falling'} trend in {name} since {since}?"
        )
        return QuestionItem("concern", text)
    where = "range" if rule in ("Above UCL", "Below LCL") else "level"
    if len(run) == 1:
        text = (
            f"What happened in {since} to take {name} {side} its usual {where}, "
            "and is it continuing?"
        )
        return QuestionItem("concern", text)
    return QuestionItem(
        "concern",
        f"What changed in {since} that has kept {name} {side} its usual {where} since then?",
    )


def _target_question(
    metric: Metric, name: str, assurance: str | None, target: float | None, latest_misses: bool
) -> QuestionItem | None:
    """The question a missed target raises: one the process fails, or meets only sometimes.

    Short and asked, not told: what would change it and who leads that work, without
    restating the assurance icon beside it. Asked only while the latest point misses the
    target, so the question never contradicts
    the latest figure printed beside it. A target of zero for a count to be brought down (the
    78- and 65-week waits) is an aim of none, asked as such rather than as a "0 target".
    """
    if target is None or not latest_misses or assurance not in ("consistent_fail", "inconsistent"):
        return None
    if target == 0 and metric.direction == "decrease":
        return QuestionItem(
            "target", f"What would it take to bring {name} to none, and who is leading that work?"
        )
    target_text = format_value(target, metric.unit)
    if assurance == "consistent_fail":
        return QuestionItem(
            "target",
            f"What would have to change for {name} to reach its target of {target_text}, "
            "and who is leading that work?",
        )
    return QuestionItem(
        "target",
        f"What would make {name} meet its target of {target_text} every {metric.frequency}, "
        "not just some?",
    )


def board_question_items(
    metric: Metric,
    points: pd.DataFrame,
    *,
    assurance: str | None,
    target: float | None,
    active_projects: int,
    stale: bool,
) -> list[QuestionItem]:
    """The questions the board may wish to ask about this metric, each with its kind.

    ``points`` are the metric's valued points, oldest first; at most one question of each
    kind, listed in :data:`QUESTION_KINDS` order.
    """
    if points.empty:
        return []
    items: list[QuestionItem] = []
    name = lower_first(metric.metric_name)
    last = points.iloc[-1]
    last_type = str(last.get("point_type") or "")
    latest_misses = misses(float(last["value"]), target, metric.direction)

    signal = _signal_question(metric, points)
    if signal:
        items.append(signal)
    about_target = _target_question(metric, name, assurance, target, latest_misses)
    if about_target:
        items.append(about_target)

    failing = (
        last_type == "special_cause_concern" or assurance == "consistent_fail" or latest_misses
    )
    if failing and active_projects == 0:
        items.append(QuestionItem("no_work", f"Which improvement work is aimed at {name}?"))

    if stale:
        items.append(
            QuestionItem(
                "stale",
                f"When will {name} figures after {month_long(last['period_start'])} be available?",
            )
        )
    return items


def board_questions(
    metric: Metric,
    points: pd.DataFrame,
    *,
    assurance: str | None,
    target: float | None,
    active_projects: int,
    stale: bool,
) -> list[str]:
    """Questions the board may wish to ask about this metric, from its signals."""
    items = board_question_items(
        metric,
        points,
        assurance=assurance,
        target=target,
        active_projects=active_projects,
        stale=stale,
    )
    return [item.text for item in items]
