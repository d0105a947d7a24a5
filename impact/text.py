"""Numbers as a board paper writes them, the same way on every page and in every sentence.

Percentages as ``78%`` (no space; one decimal place, dropped when it is zero), counts as whole
numbers with thousands separators (``12,345``), minutes and days with their unit
(``4.5 days``), rates with up to two decimals, and :data:`NO_VALUE` where there is none.
"""

from __future__ import annotations

import math

#: What a sentence says in place of a missing number.
NO_VALUE = "no value"


def format_number(value: float | None, unit: str = "count") -> str:
    """``78%``, ``71.1%``, ``12,345``, ``4.5 days``, ``1 minute``, ``3.25``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_VALUE
    if unit == "count":
        return f"{round(value):,}"
    if unit == "rate":
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    text = f"{value:,.1f}".removesuffix(".0")
    if unit == "percent":
        return f"{text}%"
    if unit in ("minutes", "days"):
        return f"{text} {unit[:-1] if text == '1' else unit}"
    return text
