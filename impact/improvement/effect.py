"""*Is it working?* One project's outcome measure, before and after the project began.

The points after the start are compared with the process before it, using the Making Data
Count rules of :mod:`impact.spc`. The answer reports what the data shows and asks a
question; it never claims the project caused it, because an SPC signal only says the
process changed, not why. Generated text is framed as questions, never instructions.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from impact.calendar import month_short
from impact.units import format_value

#: Fewest points on each side of a project's start for a fair before/after comparison.
#: Twelve is the Making Data Count minimum for a baseline (limits from fewer are "short").
MIN_POINTS_EACH_SIDE = 12

#: The statuses of :class:`EffectAnswer`, each with the headline a board reads.
EFFECT_HEADLINES: dict[str, str] = {
    "improvement": "Special cause improvement since the project began",
    "no_signal": "No signal yet",
    "deterioration": "Special cause deterioration since the project began",
    "shift": "A change since the project began (this measure has no better direction)",
    "too_few_points": "Too early to tell from this measure",
    "no_data": "No data for the linked measure",
    "no_metric": "No outcome measure linked",
}

_PERIOD_WORDS = {
    "week": ("week", "weeks"),
    "month": ("month", "months"),
    "quarter": ("quarter", "quarters"),
}


def _periods(n: int, frequency: str | None) -> str:
    singular, plural = _PERIOD_WORDS.get(frequency or "month", ("period", "periods"))
    return f"{n} {singular if n == 1 else plural}"


@dataclass(frozen=True)
class EffectAnswer:
    """The answer to "Is it working?" for one project, in words and in numbers.

    ``status`` is a key of :data:`EFFECT_HEADLINES`. ``first_after`` is the first period
    wholly after the project began (where the chart's limits are re-based). ``chart`` is the
    SPC frame to draw (re-based at ``first_after`` when ``rebased``), or ``None`` without data.
    """

    status: str
    headline: str
    sentence: str
    question: str
    points_before: int = 0
    points_after: int = 0
    first_after: pd.Timestamp | None = None
    rebased: bool = False
    mean_before: float | None = None
    mean_after: float | None = None
    chart: pd.DataFrame | None = field(default=None, compare=False, repr=False)


def first_period_after(
    periods: Iterable[pd.Timestamp], start: date | pd.Timestamp
) -> pd.Timestamp | None:
    """The first period starting on or after ``start``.

    A period that began before the project started is counted as *before*: it was mostly
    measured under the old way of working, so counting it as after would blur the comparison.
    """
    later = sorted(p for p in (pd.Timestamp(x) for x in periods) if p >= pd.Timestamp(start))
    return later[0] if later else None


def classify_after(
    signal: pd.DataFrame, first_after: pd.Timestamp, date_col: str
) -> tuple[str, pd.Series | None]:
    """What the points after the start show against the limits of the points before it.

    ``signal`` is an SPC frame whose limits come from the before-period only (baseline fixed
    at the start). The status follows the most recent special-cause point after the start, so
    an early improvement that has since reversed reads as deterioration, not as success.
    Returns the status and that latest flagged row (``None`` when there is no signal).
    """
    after = signal[pd.to_datetime(signal[date_col]) >= first_after]
    flagged = after[after["point_type"] != "common_cause"].dropna(subset=["point_type"])
    if flagged.empty:
        return "no_signal", None
    latest = flagged.sort_values(date_col).iloc[-1]
    status = {
        "special_cause_improvement": "improvement",
        "special_cause_concern": "deterioration",
    }.get(str(latest["point_type"]), "shift")
    return status, latest


SpcFunction = Callable[..., pd.DataFrame]


def default_spc() -> SpcFunction:
    """The SPC engine without its short-group warning: the answer says so in words instead."""
    from impact.spc import ShortGroupWarning, spc

    def quiet_spc(data: pd.DataFrame, **kwargs: object) -> pd.DataFrame:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ShortGroupWarning)
            return spc(data, **kwargs)

    return quiet_spc


def is_it_working(
    series: pd.DataFrame,
    *,
    start_date: date | pd.Timestamp,
    improvement_direction: str,
    unit: str | None = None,
    frequency: str | None = "month",
    metric_name: str = "the measure",
    spc_function: SpcFunction | None = None,
) -> EffectAnswer:
    """Does the linked metric show a change since the project began?

    ``series`` holds one organisation's ``period_start`` and ``value`` for the metric. With at
    least :data:`MIN_POINTS_EACH_SIDE` points on each side of the start, the points after it
    are judged against limits computed from the points before it only (the SPC baseline fixed
    at the start), so a sustained shift shows as special cause; the chart is re-based at the
    start so the board sees the old and the new process side by side. With fewer points the
    chart is drawn without a re-base and the answer says it is too early to tell.
    """
    data = series.dropna(subset=["value"]).sort_values("period_start").reset_index(drop=True)
    if data.empty:
        return EffectAnswer(
            status="no_data",
            headline=EFFECT_HEADLINES["no_data"],
            sentence=f"There are no observations of {metric_name} for this organisation.",
            question=f"Where is {metric_name} measured for this organisation, and who sees it?",
        )
    data["period_start"] = pd.to_datetime(data["period_start"])
    first_after = first_period_after(data["period_start"], start_date)
    n_after = int((data["period_start"] >= first_after).sum()) if first_after is not None else 0
    split = _Split(
        data=data,
        started=month_short(start_date),
        first_after=first_after,
        n_before=len(data) - n_after,
        n_after=n_after,
        frequency=frequency,
        metric_name=metric_name,
        spc=spc_function or default_spc(),
        common={
            "value_col": "value",
            "date_col": "period_start",
            "improvement_direction": improvement_direction,
        },
    )
    if split.n_before < MIN_POINTS_EACH_SIDE or split.n_after < MIN_POINTS_EACH_SIDE:
        return _too_early(split)
    return _judged(split, unit)


@dataclass(frozen=True)
class _Split:
    """One series cut at a project's start, with what the answer's words need."""

    data: pd.DataFrame
    started: str
    first_after: pd.Timestamp | None
    n_before: int
    n_after: int
    frequency: str | None
    metric_name: str
    spc: SpcFunction
    common: dict[str, str]

    def periods(self, n: int) -> str:
        return _periods(n, self.frequency)


def _too_early(split: _Split) -> EffectAnswer:
    """Fewer than :data:`MIN_POINTS_EACH_SIDE` points on a side: drawn, not judged."""
    sentence = (
        f"There are {split.periods(split.n_before)} of {split.metric_name} before the project "
        f"began ({split.started}) and {split.periods(split.n_after)} since; at least "
        f"{MIN_POINTS_EACH_SIDE} on each side are needed to compare the two, so it is too "
        "early to tell from this measure."
    )
    return EffectAnswer(
        status="too_few_points",
        headline=EFFECT_HEADLINES["too_few_points"],
        sentence=sentence,
        question=(
            "When will there be enough data to judge, and which earlier measures does the "
            "project team watch in the meantime?"
        ),
        points_before=split.n_before,
        points_after=split.n_after,
        first_after=split.first_after,
        chart=split.spc(split.data, **split.common),
    )


def _judged(split: _Split, unit: str | None) -> EffectAnswer:
    """Enough points on both sides: the after-points against the before-limits."""
    data, first_after, n_before = split.data, split.first_after, split.n_before
    started, metric_name = split.started, split.metric_name
    signal = split.spc(data, fix_after_n_points=n_before, **split.common)
    chart = split.spc(data, rebase=[first_after], **split.common)
    before_mean = float(data["value"].iloc[:n_before].mean())
    after_mean = float(data["value"].iloc[n_before:].mean())
    status, latest = classify_after(signal, first_after, "period_start")
    means = (
        f"The average since {month_short(first_after)} is {format_value(after_mean, unit)}, "
        f"against {format_value(before_mean, unit)} in the {split.periods(n_before)} before."
    )
    if latest is None:
        sentence = (
            f"Since the project began ({started}), the {split.periods(split.n_after)} of "
            f"{metric_name} lie within the range of the {split.periods(n_before)} "
            f"before it: no signal of change yet. {means}"
        )
        question = (
            "What do the project's PDSA cycles show so far, and when would the team expect "
            f"{metric_name} to move?"
        )
    else:
        flagged = signal[
            (signal["period_start"] >= first_after) & (signal["point_type"] == latest["point_type"])
        ]
        kind = {
            "improvement": "special cause improvement",
            "deterioration": "special cause concern",
        }.get(status, "a change beyond the usual range")
        sentence = (
            f"Since the project began ({started}), {len(flagged)} of the "
            f"{split.periods(split.n_after)} of {metric_name} show {kind} against the range of "
            f"the {split.periods(n_before)} before it, most recently "
            f"{month_short(latest['period_start'])} ({latest['special_cause_type']}). {means}"
        )
        question = SIGNAL_QUESTIONS.get(
            status, "What changed since {started}, and is this the change the project intended?"
        ).format(started=started)
    return EffectAnswer(
        status=status,
        headline=EFFECT_HEADLINES[status],
        sentence=sentence,
        question=question,
        points_before=n_before,
        points_after=split.n_after,
        first_after=first_after,
        rebased=True,
        mean_before=before_mean,
        mean_after=after_mean,
        chart=chart,
    )


#: The question a signal since the start raises, by status (``{started}`` is the month).
SIGNAL_QUESTIONS: dict[str, str] = {
    "improvement": (
        "What else changed around {started} besides this project, and how will the "
        "gain be held once the project closes?"
    ),
    "deterioration": (
        "What changed since {started} that could explain the worsening, and what does "
        "the project team see in its own measures?"
    ),
}


def no_metric_answer() -> EffectAnswer:
    """The answer for a project that names no outcome metric."""
    return EffectAnswer(
        status="no_metric",
        headline=EFFECT_HEADLINES["no_metric"],
        sentence="This project names no outcome metric, so its effect cannot be shown here.",
        question="Which outcome measure would show whether this project is working?",
    )
