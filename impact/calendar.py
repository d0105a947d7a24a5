"""Every month calculation and every way a period is written, in one place.

Board papers name periods in a few fixed ways, and the dashboard, the board pack, meeting
mode and the command line must agree to the letter ("Sep 2025" in the table is "September
2025" in a sentence, "2025-09" in a URL). Each form has one function here; nothing else in
the product formats a month.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import pandas as pd

MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_LONG = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_MONTH_KEY = re.compile(r"^(\d{4})-(\d{1,2})$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day(value: Any) -> date:
    """A ``date`` from a date, datetime, Timestamp or ISO text."""
    if isinstance(value, date) and not isinstance(value, pd.Timestamp):
        return date(value.year, value.month, value.day)
    ts = pd.Timestamp(value)
    return date(ts.year, ts.month, ts.day)


def month_start(value: Any) -> date:
    """The first day of the month ``value`` falls in."""
    day = _day(value)
    return date(day.year, day.month, 1)


def add_months(value: date, months: int) -> date:
    """The first of the month ``months`` after (or before, when negative) ``value``'s month."""
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> int:
    """Whole months from ``first``'s month to ``last``'s (0 when the same month)."""
    return (last.year - first.year) * 12 + last.month - first.month


def month_starts(periods: Iterable[Any]) -> list[date]:
    """The distinct months present, sorted (missing values ignored)."""
    return sorted({month_start(p) for p in periods if p is not None and not pd.isna(p)})


def month_key(value: Any) -> str:
    """``2025-09``: the form URLs and the command line use."""
    day = _day(value)
    return f"{day.year:04d}-{day.month:02d}"


def parse_month(text: str) -> date | None:
    """``YYYY-MM`` (or a full ISO date) as the first of that month; ``None`` if malformed."""
    text = text.strip()
    if _ISO_DAY.match(text):
        text = text[:7]
    match = _MONTH_KEY.match(text)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or year < 1900:
        return None
    return date(year, month, 1)


def month_short(value: Any) -> str:
    """``Sep 2025``: tables, axes, the data-as-at stamp."""
    day = _day(value)
    return f"{MONTHS_SHORT[day.month - 1]} {day.year}"


def month_long(value: Any) -> str:
    """``September 2025``: sentences."""
    day = _day(value)
    return f"{MONTHS_LONG[day.month - 1]} {day.year}"


def day_short(value: Any) -> str:
    """``05 Mar 2024``, or blank for a missing date (a project not yet started)."""
    if value is None or pd.isna(value):
        return ""
    day = _day(value)
    return f"{day.day:02d} {MONTHS_SHORT[day.month - 1]} {day.year}"


def period_short(value: Any, frequency: str = "month") -> str:
    """A period as a table writes it: ``Sep 2025``, ``Q3 2025``, ``w/c 1 Sep 2025``."""
    if value is None or pd.isna(value):
        return "no data"
    day = _day(value)
    if frequency == "week":
        return f"w/c {day.day} {month_short(day)}"
    if frequency == "quarter":
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    return month_short(day)


def period_long(value: Any, frequency: str = "month") -> str:
    """A period as a sentence names it: ``September 2025``, ``the week of 5 September 2025``."""
    day = _day(value)
    if frequency == "week":
        return f"the week of {day.day} {month_long(day)}"
    if frequency == "quarter":
        return f"the quarter from {month_long(day)}"
    return month_long(day)


def span_short(first: Any, last: Any) -> str:
    """``Apr 2024 to Mar 2025``: a chosen period as the pack's cover and header name it."""
    return f"{month_short(first)} to {month_short(last)}"
