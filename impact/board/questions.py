"""Questions the board may wish to ask about a metric, generated from its signals.

Each question comes from one fact the page also shows (a special cause, the assurance, the
absence of improvement work, stale data), so a board member can see why it is asked. They
are phrased as questions, never instructions.
"""

from __future__ import annotations

import pandas as pd

from impact.board.model import Metric
from impact.calendar import month_long
from impact.units import format_value


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


def _signal_question(metric: Metric, points: pd.DataFrame) -> str | None:
    """The question a special cause at the end of the series raises, if any."""
    last = points.iloc[-1]
    last_type = str(last.get("point_type") or "")
    name = lower_first(metric.metric_name)
    if last_type == "special_cause_improvement":
        run = trailing_run(points, last_type)
        return (
            f"What has improved {name} since {month_long(run['period_start'].iloc[0])}, "
            "and can it be sustained or spread?"
        )
    if last_type != "special_cause_concern":
        return None
    rule = str(last.get("special_cause_type") or "")
    run = trailing_run(points, last_type)
    since = month_long(run["period_start"].iloc[0])
    side = "above" if float(last["value"]) > float(last["mean"]) else "below"
    if "Trend" in rule:
        return (
            f"What is behind the {len(run)}-{metric.frequency} "
            f"{'rising' if 'Increasing' in rule else 'falling'} trend in {name} since {since}?"
        )
    where = "range" if rule in ("Above UCL", "Below LCL") else "level"
    if len(run) == 1:
        return (
            f"What happened in {since} to take {name} {side} its usual {where}, "
            "and is it continuing?"
        )
    return f"What changed in {since} that has kept {name} {side} its usual {where} since then?"


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
    if points.empty:
        return []
    questions: list[str] = []
    name = lower_first(metric.metric_name)
    last = points.iloc[-1]
    last_type = str(last.get("point_type") or "")
    target_text = format_value(target, metric.unit) if target is not None else None
    latest_misses = misses(float(last["value"]), target, metric.direction)

    signal = _signal_question(metric, points)
    if signal:
        questions.append(signal)

    if assurance == "consistent_fail" and target_text:
        questions.append(
            f"The {target_text} target for {name} is outside what the current process can "
            "deliver: what would have to change, and who is working on it?"
        )
    elif assurance == "inconsistent" and target_text and latest_misses:
        questions.append(
            f"The {target_text} target for {name} is met in some months but not others: "
            "what would make performance reliable?"
        )

    failing = (
        last_type == "special_cause_concern" or assurance == "consistent_fail" or latest_misses
    )
    if failing and active_projects == 0:
        questions.append(f"Which improvement work is aimed at {name}?")

    if stale:
        questions.append(
            f"The latest {name} figures are for {month_long(last['period_start'])}: "
            "when will more recent data be available?"
        )
    return questions
