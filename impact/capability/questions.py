"""Questions the board may wish to ask about its improvement capability, from the data only."""

from __future__ import annotations

from datetime import date

import pandas as pd

from impact.calendar import month_short, months_between
from impact.capability.assessment import lowest_streak
from impact.capability.capacity import CAPACITY_MEASURES
from impact.capability.components import COMPONENT_SHORT, score_text

#: An assessment older than this many months prompts a question about the next one.
STALE_ASSESSMENT_MONTHS = 12


def capability_questions(
    *,
    org_name: str,
    latest: pd.DataFrame,
    history: pd.DataFrame,
    peers: pd.DataFrame,
    capacity_signals: dict[str, pd.DataFrame | None],
    as_of: date,
    limit: int = 6,
) -> list[str]:
    """Questions the board may wish to ask about its improvement capability.

    Drawn from the data only: the component lowest for consecutive assessments, components
    that fell, components well below the peer median, an assessment more than a year old,
    capacity measures whose latest point is special cause concern, or no assessment at all.
    Framed as questions, never instructions.
    """
    if latest["score"].isna().all():
        return [
            f"There is no NHS IMPACT self-assessment for {org_name} in these data: when will "
            "the board see one, and who will lead it?"
        ]
    questions = _streak_questions(history)
    newest = pd.Timestamp(latest["assessment_date"].max())
    age = months_between(newest, as_of)
    if age > STALE_ASSESSMENT_MONTHS:
        questions.append(
            f"The latest self-assessment is from {month_short(newest)}, {age} months ago: "
            "when is the next one due?"
        )
    for row in latest.itertuples():
        if not pd.isna(row.change) and row.change < 0:
            questions.append(
                f"{COMPONENT_SHORT[row.component]} fell from {score_text(row.previous_score)} to "
                f"{score_text(row.score)} since {month_short(row.previous_date)}: what changed, "
                "and does the evidence explain it?"
            )
    questions += _peer_questions(peers, org_name)
    questions += _capacity_questions(capacity_signals)
    return questions[:limit]


def _streak_questions(history: pd.DataFrame) -> list[str]:
    """The component(s) lowest for two or more assessments running."""
    lowest, streak = lowest_streak(history)
    if streak < 2:
        return []
    names = " and ".join(COMPONENT_SHORT[c] for c in lowest)
    runs = {2: "two", 3: "three", 4: "four"}.get(streak, str(streak))
    verb, it = ("scored", "it") if len(lowest) == 1 else ("were joint", "them")
    return [f"{names} {verb} lowest for {runs} assessments running: what support would move {it}?"]


def _peer_questions(peers: pd.DataFrame, org_name: str) -> list[str]:
    """Components a point or more below the peer median, in one question."""
    behind = peers[(peers["peer_median"] - peers["score"]) >= 1]
    if behind.empty:
        return []
    gaps = [
        f"{COMPONENT_SHORT[r.component]} ({score_text(r.score)} against "
        f"{score_text(r.peer_median)})"
        for r in behind.itertuples()
    ]
    names = gaps[0] if len(gaps) == 1 else ", ".join(gaps[:-1]) + " and " + gaps[-1]
    verb = "scores" if len(gaps) == 1 else "score"
    return [
        f"{names} {verb} a point or more below the peer median: what are peers doing that "
        f"{org_name} could learn from?"
    ]


def _capacity_questions(capacity_signals: dict[str, pd.DataFrame | None]) -> list[str]:
    """Capacity measures whose latest point is special cause concern."""
    questions = []
    for measure, frame in capacity_signals.items():
        if frame is None or frame.empty:
            continue
        last = frame.sort_values("period_start").iloc[-1]
        if last["point_type"] == "special_cause_concern":
            questions.append(
                f"{CAPACITY_MEASURES[measure]} is below its usual range in "
                f"{month_short(last['period_start'])}: what is holding back training or "
                "coaching time?"
            )
    return questions
