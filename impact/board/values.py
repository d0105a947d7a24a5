"""Cells as DuckDB and pandas hand them over (None, NaN, NaT, Timestamp) made plain.

Every board step reads query results whose missing values arrive in several shapes; these
four functions turn them into ``None``, ``""``, a ``date`` or a ``float`` in one place.
"""

from __future__ import annotations

from datetime import date

import pandas as pd


def text_or_blank(value: object) -> str:
    """Text, or ``""`` for a missing cell."""
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def text_or_none(value: object) -> str | None:
    """Text, or ``None`` for a missing cell."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def as_date(value: object) -> date | None:
    """A ``date`` from a date, Timestamp or ISO text; ``None`` for a missing cell."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


def as_float(value: object) -> float | None:
    """A number, or ``None`` when the cell is missing or not a number."""
    if value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if pd.isna(number) else number
