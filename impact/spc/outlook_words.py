"""The target-date outlook said as a board would ask it: will we meet the target by its date?

"Will we reach 78% by March 2026? Unlikely — about 1 in 10, if the current process
continues. It needs an average improvement of 0.6 percentage points a month from 74.2% in
September 2025." The chance always carries the condition it rests on (the process or the
trend continuing), because a forecast without it reads as a promise.
"""

from __future__ import annotations

from typing import Any

from impact.calendar import month_long
from impact.spc.outlook import Outlook
from impact.units import format_value


def _change(amount: float, unit: str) -> str:
    """``0.6 percentage points``: a change in a percentage is in points, not per cent."""
    if unit == "percent":
        return f"{format_value(amount, '')} percentage points"
    return format_value(amount, unit)


def outlook_sentence(
    outlook: Outlook, *, target: float, target_period: Any, improvement: str, unit: str = ""
) -> str:
    """The question and answer for :func:`impact.spc.outlook.target_outlook`'s result."""
    goal = format_value(target, unit)
    month = month_long(target_period)
    latest = f"{format_value(outlook.latest, unit)} in {month_long(outlook.latest_period)}"
    if outlook.method == "observed":
        verb = "reach" if improvement == "increase" else "get to or below"
        answer = "Yes" if outlook.probability == 1.0 else "No"
        return f"Did we {verb} {goal} in {month}? {answer}: {format_value(outlook.latest, unit)}."
    question = (
        f"Will we reach {goal} by {month}?"
        if improvement == "increase"
        else f"Will we be at or below {goal} by {month}?"
    )
    basis = "trend" if outlook.method == "trend" else "process"
    words = outlook.words[0].upper() + outlook.words[1:]
    chance = f"{words}, if the current {basis} continues."
    if outlook.needed_per_month <= 0:
        need = f"The latest value, {latest}, already meets it."
    else:
        step = _change(outlook.needed_per_month, unit)
        need = f"It needs an average improvement of {step} a month from {latest}."
    return f"{question} {chance} {need}"
