"""Bad peer tables: a clear ValueError naming the organisations, never a traceback elsewhere.

PowerBI-Funnels drops such rows (or sums duplicate groups) and charts the rest; the module
``impact.spc.funnel_checks`` says why we refuse instead. Each case here is checked against
the message a board's analyst would need to fix the file.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from impact.spc.funnel_plot import funnel

KW = {"group_col": "org", "numerator_col": "n", "denominator_col": "d"}


def _frame(n: list, d: list, orgs: list | None = None) -> pd.DataFrame:
    return pd.DataFrame({"org": orgs or [f"T{i}" for i in range(len(n))], "n": n, "d": d})


@pytest.mark.parametrize(
    ("n", "d", "chart", "message"),
    [
        ([10, 20, 30], [100, 0, 200], "PR", r"denominator must be above zero.*\bT1\b"),
        ([10, 20, 30], [100, None, 200], "PR", r"denominator is missing or not a number.*T1"),
        ([10, 20, 30], [100, -5, 200], "SR", r"denominator must be above zero.*T1"),
        ([10, 20, 30], [100, math.inf, 200], "RC", r"denominator is missing.*T1"),
        ([10, None, 30], [100, 150, 200], "PR", r"numerator is missing or not a number.*T1"),
        ([10, "ten", 30], [100, 150, 200], "PR", r"numerator is missing or not a number.*T1"),
        ([10, -2, 30], [100, 150, 200], "SR", r"negative numerator for T1"),
        ([10, 200, 30], [100, 150, 200], "PR", r"cannot exceed its denominator.*T1"),
        ([0, 0, 0], [100, 150, 200], "RC", r"every numerator is zero"),
    ],
)
def test_bad_values_name_the_organisation(n: list, d: list, chart: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        funnel(_frame(n, d), chart=chart, **KW)


def test_numerator_above_denominator_is_fine_for_ratios() -> None:
    result = funnel(_frame([10, 200, 30], [100, 150, 200]), chart="SR", **KW)
    assert result.loc[1, "value"] == pytest.approx(200 / 150)


def test_duplicate_organisations_are_named_once() -> None:
    frame = _frame([1, 2, 3, 4], [10, 20, 30, 40], ["RXA", "RXB", "RXA", "RXA"])
    with pytest.raises(ValueError, match=r"one row per organisation; repeated: RXA\.$"):
        funnel(frame, **KW)


def test_fewer_than_two_organisations() -> None:
    with pytest.raises(ValueError, match="at least 2 organisations; got 1"):
        funnel(_frame([10], [100]), **KW)
    with pytest.raises(ValueError, match="got 0"):
        funnel(_frame([], []), **KW)


def test_missing_organisation_names_the_row() -> None:
    with pytest.raises(ValueError, match=r"row\(s\) 2 have no organisation in 'org'"):
        funnel(_frame([1, 2], [10, 20], ["A", None]), **KW)


def test_missing_column_and_unknown_options() -> None:
    with pytest.raises(ValueError, match="column\\(s\\) d not in the table"):
        funnel(pd.DataFrame({"org": ["A", "B"], "n": [1, 2]}), **KW)
    with pytest.raises(ValueError, match="chart must be one of PR, SR, RC; got 'XX'"):
        funnel(_frame([1, 2], [10, 20]), chart="XX", **KW)
    with pytest.raises(ValueError, match="overdispersion must be one of no, yes, auto"):
        funnel(_frame([1, 2], [10, 20]), overdispersion="maybe", **KW)


def test_long_lists_are_cut_short() -> None:
    frame = _frame([1] * 9, [0] * 9)
    with pytest.raises(ValueError, match=r"T0, T1, T2, T3, T4 and 4 more\.$"):
        funnel(frame, **KW)
