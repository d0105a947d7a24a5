"""Numbers written the one way every page and sentence writes them."""

from __future__ import annotations

import math

import pytest

from impact.text import NO_VALUE, format_number


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (12345.4, "count", "12,345"),
        (78.0, "percent", "78%"),
        (71.15, "percent", "71.2%"),
        (1.0, "minutes", "1 minute"),
        (4.5, "days", "4.5 days"),
        (3.456, "rate", "3.46"),
        (3.0, "rate", "3"),
        (1234.56, "score", "1,234.6"),
    ],
)
def test_format_number(value: float, unit: str, text: str) -> None:
    assert format_number(value, unit) == text


@pytest.mark.parametrize("value", [None, math.nan])
def test_a_missing_number_is_said_in_words(value: float | None) -> None:
    assert format_number(value, "percent") == NO_VALUE == "no value"
