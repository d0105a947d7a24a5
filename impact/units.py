"""How a metric's value is written for a board: one rule for pages, charts and the CLI."""

from __future__ import annotations

import math

_SUFFIX = {"percent": "%", "minutes": " minutes", "days": " days", "count": "", "rate": ""}


def unit_suffix(unit: str) -> str:
    """The words after a number in this unit (``%``, `` minutes`` …)."""
    return _SUFFIX.get(unit, "")


def format_value(value: object, unit: str = "") -> str:
    """``74.6%``, ``1,234``, ``35.2 minutes``; an em dash when there is no value.

    Counts and whole numbers (targets such as 78%) show no decimals; everything else shows
    one decimal place, enough to see a change on a board paper without false precision.
    """
    if value is None:
        return "—"
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "—"
    if math.isnan(number):
        return "—"
    if unit == "count" or number.is_integer():
        return f"{number:,.0f}{unit_suffix(unit)}"
    return f"{number:,.1f}{unit_suffix(unit)}"
