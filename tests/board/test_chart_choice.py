"""Each metric's chart and limits mode from the catalogue, and the fall-backs, in words."""

import numpy as np
import pandas as pd

from impact.board.chart_choice import ChartSpec, chart_specs, multiplier, usable_spec

MONTHS = pd.date_range("2024-01-01", periods=4, freq="MS")


def series(numerator=(1.0, 2.0, 3.0, 4.0), denominator=(10.0, 10.0, 10.0, 10.0)):
    return pd.DataFrame(
        {
            "period_start": MONTHS,
            "value": [10.0, 20.0, 30.0, 40.0],
            "numerator": numerator,
            "denominator": denominator,
        }
    )


def test_blank_or_absent_columns_mean_xmr_with_fixed_limits():
    catalogue = pd.DataFrame(
        {"metric_id": ["a", "b"], "chart": ["pp", None], "limits": ["auto", None]}
    )
    assert chart_specs(catalogue) == {"a": ChartSpec("pp", "auto"), "b": ChartSpec()}
    assert chart_specs(pd.DataFrame({"metric_id": ["a"]})) == {"a": ChartSpec()}


def test_a_ratio_chart_without_its_counts_falls_back_to_xmr_and_says_when():
    spec = usable_spec(ChartSpec("pp", "auto"), series(numerator=(1.0, np.nan, 3.0, 4.0)))
    assert (spec.chart, spec.limits) == ("i", "auto")  # XmR can still be recalculated
    assert spec.note == (
        "Charted as an XmR chart, not a Laney p′ chart: the numerator or denominator is "
        "missing for Feb 2024."
    )
    zero = usable_spec(ChartSpec("p"), series(denominator=(10.0, 10.0, 0.0, 10.0)))
    assert zero.chart == "i" and "Mar 2024" in zero.note
    assert usable_spec(ChartSpec("pp"), series()) == ChartSpec("pp")


def test_automatic_limits_on_a_chart_the_algorithm_lacks_stay_fixed():
    spec = usable_spec(ChartSpec("c", "auto"), series())
    assert (spec.chart, spec.limits) == ("c", "fixed")
    assert "XmR and Laney p′ charts only, not a c chart" in spec.note


def test_percentages_scale_by_100():
    assert multiplier("percent") == 100.0 and multiplier("rate") == 1.0
