"""The outlook sentence: the question, the chance with its condition, and the need."""

from __future__ import annotations

from datetime import date

from impact.calendar import add_months
from impact.spc.outlook import target_outlook
from impact.spc.outlook_words import outlook_sentence

MARCH_2026 = date(2026, 3, 1)
MONTHS = [add_months(date(2025, 4, 1), i) for i in range(6)]  # Apr - Sep 2025


def _sentence(values: list[float], target: float, improvement: str = "increase", **kw) -> str:
    period = kw.pop("target_period", MARCH_2026)
    out = target_outlook(
        MONTHS, values, target=target, target_period=period, improvement=improvement, **kw
    )
    return outlook_sentence(
        out, target=target, target_period=period, improvement=improvement, unit="percent"
    )


def test_behind_with_the_monthly_improvement_needed() -> None:
    sentence = _sentence([73.0, 74.5, 73.4, 74.8, 73.6, 74.2], 78.0)
    assert sentence.startswith("Will we reach 78% by March 2026? Very unlikely — ")
    assert sentence.endswith(
        ", if the current process continues. It needs an average improvement of "
        "0.6 percentage points a month from 74.2% in September 2025."
    )


def test_already_beyond_a_lower_is_better_target() -> None:
    sentence = _sentence([0.6, 0.8, 0.7, 0.9, 0.6, 0.75], 1.0, "decrease")
    assert sentence.startswith("Will we be at or below 1% by March 2026? Very likely — ")
    assert sentence.endswith("The latest value, 0.8% in September 2025, already meets it.")


def test_trend_says_so() -> None:
    sentence = _sentence([70.1, 71.0, 72.2, 72.9, 74.1, 75.0], 78.0, trend=True)
    assert "if the current trend continues" in sentence


def test_observed_when_the_target_month_is_the_latest() -> None:
    sentence = _sentence([73.0, 74.5, 73.4, 74.8, 73.6, 78.4], 78.0, target_period=date(2025, 9, 1))
    assert sentence == "Did we reach 78% in September 2025? Yes: 78.4%."
