"""Will we meet the target by its date? The outlook of each dated target of one metric.

A target with an end date ("78% by March 2026": the catalogue's or an organisation's own
``effective_to``) is judged in its last month. From the metric's SPC points this takes the
current period (the points since the limits last changed: the latest ``rebase_group``),
asks :func:`impact.spc.target_outlook` for the chance that month meets the target if the
current process carries on (the projected trend, when the latest point is part of a trend
signal), and says it with :func:`impact.spc.outlook_sentence`. The method, its assumptions
and limits are written out in ``docs/outlook.md``.

No outlook is given, and :attr:`TargetOutlook.sentence` says why, when the metric has no
direction of improvement, or when the current period has fewer points than SPC limits
need (:data:`impact.spc.MIN_POINTS_FOR_LIMITS`): a chance from a handful of months would
be a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from impact.board.model import MetricAnswer
from impact.calendar import month_long, month_start
from impact.spc import MIN_POINTS_FOR_LIMITS, Outlook, outlook_sentence, target_outlook
from impact.units import format_value


@dataclass(frozen=True)
class TargetOutlook:
    """One dated target of a metric and the chance its month meets it."""

    metric_id: str
    target: float
    target_period: date  # the target's month (its end date's month)
    source: str
    sentence: str  # the question and answer, or why there is no outlook
    outlook: Outlook | None  # None when no outlook can be given

    def to_dict(self) -> dict[str, object]:
        """Plain data for ``python -m impact answer --json``."""
        o = self.outlook
        return {
            "target": self.target,
            "target_period": self.target_period.isoformat(),
            "source": self.source,
            "sentence": self.sentence,
            "probability": o.probability if o else None,
            "words": o.words if o else None,
            "needed_per_month": _finite(o.needed_per_month) if o else None,
            "months_ahead": o.months_ahead if o else None,
            "expected": o.expected if o else None,
            "method": o.method if o else None,
        }


def _finite(value: float) -> float | None:
    return None if pd.isna(value) else float(value)


def dated_targets(answer: MetricAnswer) -> list[tuple[float, date, str]]:
    """The targets in the answer's history whose end month is at or after its latest point."""
    if answer.latest_period is None or answer.targets.empty:
        return []
    latest = month_start(answer.latest_period)
    found = []
    for row in answer.targets.itertuples(index=False):
        if pd.isna(row.effective_to) or pd.isna(row.target_value):
            continue
        month = month_start(pd.Timestamp(row.effective_to).date())
        if month >= latest:
            source = "" if pd.isna(row.source) else str(row.source)
            found.append((float(row.target_value), month, source))
    return sorted(found, key=lambda t: t[1])


def current_period(points: pd.DataFrame) -> pd.DataFrame:
    """The points of the current process: those since the limits last changed."""
    valued = points[points["value"].notna()]
    if "rebase_group" not in valued or valued.empty:
        return valued
    return valued[valued["rebase_group"] == valued["rebase_group"].max()]


def _trending(current: pd.DataFrame) -> bool:
    """Whether the latest point is part of a trend signal (the trend rule flags it)."""
    if "trend" not in current or current.empty:
        return False
    flag = current["trend"].iloc[-1]
    return bool(flag) and not pd.isna(flag)


def target_outlooks(answer: MetricAnswer) -> list[TargetOutlook]:
    """The outlook of every dated target of ``answer`` still to be judged (oldest first)."""
    m = answer.metric
    out = []
    for target, month, source in dated_targets(answer):
        goal = format_value(target, m.unit)
        if m.direction not in ("increase", "decrease"):
            why = f"No outlook for {goal} by {month_long(month)}: the measure has no direction."
            out.append(TargetOutlook(m.metric_id, target, month, source, why, None))
            continue
        current = current_period(answer.points).sort_values("period_start")
        if len(current) < MIN_POINTS_FOR_LIMITS:
            why = (
                f"No outlook yet for {goal} by {month_long(month)}: the current process has "
                f"{len(current)} months since its limits last changed, and a chance needs at "
                f"least {MIN_POINTS_FOR_LIMITS}."
            )
            out.append(TargetOutlook(m.metric_id, target, month, source, why, None))
            continue
        result = target_outlook(
            list(current["period_start"]),
            list(current["value"].astype(float)),
            target=target,
            target_period=month,
            improvement=m.direction,
            trend=_trending(current),
        )
        sentence = outlook_sentence(
            result, target=target, target_period=month, improvement=m.direction, unit=m.unit
        )
        out.append(TargetOutlook(m.metric_id, target, month, source, sentence, result))
    return out
