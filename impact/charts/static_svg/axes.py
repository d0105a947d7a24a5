"""Axis values, ranges and ticks, following plotly's own rules.

A printed chart must read like the screen's: the same data range, the same padding, tick
steps of 1, 2 or 5 (months on a date axis) at about plotly's spacing, and labels written
as plotly writes them (trailing zeros dropped, ``,d`` counts).
"""

from __future__ import annotations

import base64
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np

from impact.charts.static_svg.tree import UnsupportedFigure, get

EPOCH = datetime(1970, 1, 1)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Axis:
    """One axis: its data range, pixel span and ticks (value, label)."""

    low: float
    high: float
    start: float
    end: float
    ticks: list[tuple[float, str]]

    def px(self, value: float) -> float:
        span = (self.high - self.low) or 1.0
        return self.start + (value - self.low) / span * (self.end - self.start)


def as_time(value: object) -> float | None:
    """A date value as days since 1970, or ``None`` when it is not a date."""
    if isinstance(value, datetime):
        return (value - EPOCH) / timedelta(days=1)
    if isinstance(value, date):
        return float((value - EPOCH.date()).days)
    if isinstance(value, str):
        try:
            when = datetime.fromisoformat(value.replace(" ", "T"))
        except ValueError:
            return None
        return (when.replace(tzinfo=None) - EPOCH) / timedelta(days=1)
    return None


def is_date(value: object) -> bool:
    return isinstance(value, date | datetime) or (
        isinstance(value, str) and as_time(value) is not None
    )


def to_number(value: object, dates: bool) -> float | None:
    if value is None:
        return None
    if dates:
        return as_time(value)
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def tick_count(length: float, min_px: float) -> float:
    """How many ticks plotly aims for on an axis of ``length`` pixels (at most one per
    ``min_px``: 40 on a y axis, 80 on an x axis, and between 5 and 10 in all)."""
    return min(max(length / min_px, 4.0), 9.0) + 1


def round_up(value: float, choices: Sequence[float]) -> float:
    return next((c for c in choices if c >= value - 1e-9), choices[-1])


def nice_step(span: float, count: float) -> float:
    """Plotly's linear tick step: the rough step rounded up to 2, 5 or 10 times a power of 10."""
    raw = span / max(count, 1.0)
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return round_up(raw / power, (2, 5, 10)) * power


def trimmed(text: str) -> str:
    """``1.50`` as ``1.5`` and ``2.0`` as ``2``, as plotly writes its tick labels."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_number(value: float, step: float, tickformat: str | None) -> str:
    """A tick label: ``,d`` as the charts ask for counts, else plotly's default (``95k``)."""
    if tickformat == ",d":
        return f"{round(value):,}"
    if tickformat:
        raise UnsupportedFigure(f"tick format {tickformat!r}")
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            decimals = max(0, -math.floor(math.log10(step / limit) + 1e-9))
            return trimmed(f"{value / limit:.{decimals}f}") + suffix
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    return trimmed(f"{value:.{decimals}f}")


def linear_ticks(low: float, high: float, count: float, tickformat: str | None) -> list:
    step = nice_step(high - low, count)
    first = math.ceil(low / step - 1e-9)
    ticks = []
    k = first
    while k * step <= high + 1e-9 * step:
        value = k * step
        ticks.append((value, format_number(value, step, tickformat)))
        k += 1
    return ticks


def date_ticks(low: float, high: float, count: float) -> list:
    """Ticks on the first of a month, every 1, 2, 3 or 6 months or whole years, as plotly
    ticks a monthly series; labelled ``Oct 2024`` (or ``2024`` when a tick is a year)."""
    start = EPOCH + timedelta(days=low)
    end = EPOCH + timedelta(days=high)
    months = (high - low) / (365.25 / 12)
    step = int(round_up(months / count, (1, 2, 3, 6, 12, 24, 60, 120)))
    index = start.year * 12 + start.month - 1
    if start.day != 1 or start.hour or start.minute:
        index += 1
    index = math.ceil(index / step) * step
    ticks = []
    while True:
        when = datetime(index // 12, index % 12 + 1, 1)
        if when > end:
            break
        label = f"{when.year}" if step >= 12 else f"{MONTHS[when.month - 1]} {when.year}"
        ticks.append(((when - EPOCH) / timedelta(days=1), label))
        index += step
    return ticks


def as_list(values: object) -> list:
    """A trace's array as a list: plotly writes numeric arrays as base64 typed arrays
    (``{"dtype": "f8", "bdata": ...}``) and other arrays as lists."""
    if values is None:
        return []
    if isinstance(values, Mapping) and "bdata" in values:
        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
        return [None if isinstance(v, float) and math.isnan(v) else v for v in array.tolist()]
    if hasattr(values, "tolist"):
        return list(values.tolist())
    return list(values)  # type: ignore[call-overload]


def trace_points(trace: Mapping[str, Any], dates: bool) -> list[tuple[float, float] | None]:
    xs = as_list(trace.get("x"))
    ys = as_list(trace.get("y"))
    out: list[tuple[float, float] | None] = []
    for x, y in zip(xs, ys, strict=False):
        px, py = to_number(x, dates), to_number(y, False)
        out.append(None if px is None or py is None else (px, py))
    return out


def axis_range(
    axis: Mapping[str, Any], values: Iterable[float], *, dates: bool, padded: bool
) -> tuple[float, float]:
    explicit = axis.get("range")
    if explicit and axis.get("autorange") is not True:
        low, high = (to_number(v, dates) for v in explicit)
        if low is not None and high is not None:
            return low, high
    found = list(values)
    if not found:
        return (0.0, 1.0) if not dates else (0.0, 31.0)
    low, high = min(found), max(found)
    if axis.get("rangemode") == "tozero":
        low, high = min(low, 0.0), max(high, 0.0)
    span = (high - low) or (abs(high) or 1.0)
    if padded:
        pad = span * 0.05
        low = low - pad if not (axis.get("rangemode") == "tozero" and low == 0) else low
        high += pad
    if high == low:
        low, high = low - span / 2, high + span / 2
    clip_low = get(axis, "autorangeoptions.clipmin")
    clip_high = get(axis, "autorangeoptions.clipmax")
    if clip_low is not None:
        low = max(low, float(clip_low))
    if clip_high is not None:
        high = min(high, float(clip_high))
    return low, high
