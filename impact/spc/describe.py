"""The board question's answer in plain English, driven by the SPC rules that fired.

A board member without SPC training reads one or two sentences: has it changed (the
variation icon, with the rule that fired and since when) and will the target be met (the
assurance icon). Every sentence names its period and rule, so it is never free-floating; the
wording reports what the process shows and never instructs (no "must" or "should").

This is the engine's own sentence for any facet of :func:`impact.spc.spc` output; the board's
answers, which start from the question asked, are worded by :mod:`impact.board.answers`
(which takes its rule words from :data:`RULE_WORDS` here).

Numbers are written as :func:`impact.text.format_number` writes them everywhere, periods as
:func:`impact.calendar.period_long` names them. Limits from fewer than
:data:`~impact.spc.limits.MIN_POINTS_FOR_LIMITS` points are called provisional.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from impact.calendar import period_long
from impact.spc.assurance import assurance_type
from impact.spc.limits import MIN_POINTS_FOR_LIMITS
from impact.text import format_number

_PERIOD_WORDS = {
    "month": ("month", "months"),
    "week": ("week", "weeks"),
    "quarter": ("quarter", "quarters"),
}
_OPENING = {
    "special_cause_improvement": ("Yes —", "special cause improvement"),
    "special_cause_concern": ("No —", "special cause concern"),
    "special_cause_neutral_high": (
        "Changed —",
        "special cause variation, neither better nor worse,",
    ),
    "special_cause_neutral_low": (
        "Changed —",
        "special cause variation, neither better nor worse,",
    ),
}
#: special_cause_type → (what the measure did, the rule in words)
_RULES = {
    "Above UCL": ("above its usual range", "a point above the upper process limit"),
    "Below LCL": ("below its usual range", "a point below the lower process limit"),
    "7 Point Trend (Increasing)": ("rising", "7 or more points rising in a row"),
    "7 Point Trend (Decreasing)": ("falling", "7 or more points falling in a row"),
    "2 in 3 Above CL": (
        "near the top of its usual range",
        "2 of 3 points close to the upper process limit",
    ),
    "2 in 3 Below CL": (
        "near the bottom of its usual range",
        "2 of 3 points close to the lower process limit",
    ),
    "7 Points Above CL": ("above its average", "7 or more points in a row above the average"),
    "7 Points Below CL": ("below its average", "7 or more points in a row below the average"),
}
#: ``special_cause_type`` → (what the measure did, the rule in words), for every sentence
#: that names a rule (the board's answers too), so a rule is worded in one place.
RULE_WORDS = _RULES


def _noun(frequency: str, plural: bool = False) -> str:
    singular, many = _PERIOD_WORDS.get(frequency, ("point", "points"))
    return many if plural else singular


def _periods(n: int, frequency: str) -> str:
    return f"{n:,} {_noun(frequency, n != 1)}"


def describe(
    points: pd.DataFrame,
    *,
    metric_name: str = "performance",
    unit: str = "count",
    frequency: str = "month",
    improvement_direction: str | None = None,
    target: float | None = None,
    date_col: str | None = None,
    value_col: str | None = None,
) -> str:
    """One facet's SPC result as one or two sentences for a board.

    ``points`` is one facet of :func:`impact.spc.spc` output. The direction and target
    default to the points' own (the target at the last point, as the assurance uses it).
    When the latest value is missing, the sentences say so and describe the process up to
    the last value recorded.
    """
    opts = points.attrs.get("spc", {})
    date_col = date_col or opts.get("date_col") or "date"
    value_col = value_col or opts.get("value_col") or "value"
    if points.empty:
        return f"There is no data for {metric_name} yet, so no change can be judged."
    data = points.sort_values(date_col).reset_index(drop=True)
    last_row = data.iloc[-1]
    if improvement_direction is None:
        direction = last_row.get("improvement_direction", "increase")
        improvement_direction = "increase" if pd.isna(direction) else str(direction)
    if target is None and "target" in data and not pd.isna(last_row["target"]):
        target = float(last_row["target"])
    values = pd.to_numeric(data[value_col]).to_numpy(dtype=float, na_value=np.nan)
    recorded = np.flatnonzero(~np.isnan(values))
    if len(recorded) == 0:
        return f"No values of {metric_name} have been recorded yet, so no change can be judged."

    missing_note = ""
    if recorded[-1] != len(data) - 1:
        missing_note = (
            f"; no value was recorded for {period_long(last_row[date_col], frequency)}, so "
            f"this describes the {_noun(frequency, plural=True)} up to "
            f"{period_long(data.at[int(recorded[-1]), date_col], frequency)}"
        )
        data = data.iloc[: int(recorded[-1]) + 1]
        values = values[: len(data)]
    group = data[data["rebase_group"] == data["rebase_group"].iloc[-1]]
    group_values = values[-len(group) :]
    n_recorded = int((~np.isnan(group_values)).sum())
    latest = data.iloc[-1]
    words = _Words(metric_name, unit, frequency, date_col)

    if n_recorded < 2:
        first = (
            f"Only one {_noun(frequency)} of {metric_name} is recorded in the current period "
            f"({words.when(latest)}: {format_number(values[-1], unit)}), too few points to "
            f"judge variation{missing_note}."
        )
        return first + _level_against_target(values[-1], target, improvement_direction, unit)
    mean, lpl, upl = (float(latest[c]) for c in ("mean", "lpl", "upl"))
    provisional = (
        f", though with only {_periods(n_recorded, frequency)} the limits are still provisional"
        if n_recorded < MIN_POINTS_FOR_LIMITS
        else ""
    )
    if math.isnan(upl) or upl == lpl:  # a constant series: no variation, no limits
        first = (
            f"No change: every one of the last {_periods(n_recorded, frequency)} of "
            f"{metric_name} was {format_number(mean, unit)}, so there is no variation to "
            f"judge{missing_note}."
        )
        return first + _level_against_target(mean, target, improvement_direction, unit)

    first = _variation_clause(group, words, n_recorded) + provisional + missing_note + "."
    return first + _assurance_sentence(target, lpl, upl, improvement_direction, unit, frequency)


class _Words:
    def __init__(self, metric: str, unit: str, frequency: str, date_col: str) -> None:
        self.metric, self.unit, self.frequency, self.date_col = metric, unit, frequency, date_col

    def when(self, row: pd.Series) -> str:
        return period_long(row[self.date_col], self.frequency)


def _variation_clause(group: pd.DataFrame, w: _Words, n_recorded: int) -> str:
    """What the latest point shows, the rule behind it and since when (no full stop)."""
    latest = group.iloc[-1]
    point_type = str(latest["point_type"])
    mean = float(latest["mean"])
    if point_type == "common_cause":
        flagged = group[group["special_cause_flag"].astype(bool)]
        lpl, upl = (format_number(float(latest[c]), w.unit) for c in ("lpl", "upl"))
        if len(flagged):
            last_signal = flagged.iloc[-1]
            _, rule = _RULES[str(last_signal["special_cause_type"])]
            return (
                f"No change now: the last {_periods(n_recorded, w.frequency)} of {w.metric} "
                f"vary around {format_number(mean, w.unit)} and the latest value is common "
                f"cause variation within the process limits of {lpl} to {upl}; the most recent "
                f"signal was {rule} in {w.when(last_signal)}"
            )
        return (
            f"No change: the last {_periods(n_recorded, w.frequency)} of {w.metric} vary around "
            f"{format_number(mean, w.unit)} with no signal (common cause variation within the "
            f"process limits of {lpl} to {upl})"
        )
    types = group["point_type"].astype(str).to_numpy()
    run = 0
    for t in types[::-1]:  # the trailing run of this point type (at most one group long)
        if t != point_type:
            break
        run += 1
    since = w.when(group.iloc[len(group) - run])
    opening, kind = _OPENING[point_type]
    movement, rule = _RULES[str(latest["special_cause_type"])]
    if run > 1:
        period = f"has been {movement} for the last {_periods(run, w.frequency)}"
    else:
        period = f"was {movement} in {w.when(latest)}"
    return f"{opening} {w.metric} {period} ({rule}; {kind} since {since})"


def _assurance_sentence(
    target: float | None, lpl: float, upl: float, direction: str, unit: str, frequency: str
) -> str:
    if target is None or math.isnan(target):
        return ""
    t = format_number(target, unit)
    if direction == "neutral":
        return (
            f" Neither higher nor lower is better for this measure, so the target ({t}) is "
            "shown for reference only."
        )
    kind = assurance_type(target, lpl, upl, direction)
    increasing = direction == "increase"
    if kind == "consistent_pass":
        side = (
            "below the process's lower limit" if increasing else "above the process's upper limit"
        )
        limit = format_number(lpl if increasing else upl, unit)
        return (
            f" The target ({t}) sits {side} ({limit}), so at the current level it will be met "
            f"every {_noun(frequency)}."
        )
    if kind == "consistent_fail":
        side = (
            "above the process's upper limit" if increasing else "below the process's lower limit"
        )
        limit = format_number(upl if increasing else lpl, unit)
        return (
            f" The target ({t}) sits {side} ({limit}), so it will not be met without a "
            "different approach."
        )
    return (
        f" At the current level, the {t} target will be met only some "
        f"{_noun(frequency, plural=True)} unless the process changes."
    )


def _level_against_target(value: float, target: float | None, direction: str, unit: str) -> str:
    """For a series with no limits: does its level meet the target?"""
    if target is None or math.isnan(target) or direction == "neutral":
        return ""
    meets = value >= target if direction == "increase" else value <= target
    verdict = "meets" if meets else "does not meet"
    return f" That level {verdict} the {format_number(target, unit)} target."
