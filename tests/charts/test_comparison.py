"""The comparison chart: one line per organisation with figures."""

import pandas as pd

from impact.charts.comparison import comparison_figure


def test_comparison_lines_one_per_org():
    frame = pd.DataFrame(
        {"period_start": pd.date_range("2024-01-01", periods=2, freq="MS"), "value": [1.0, 2.0]}
    )
    fig = comparison_figure(
        [("Trust", frame), ("ICB", frame), ("Region", frame.iloc[0:0])], title="x"
    )
    assert [t.name for t in fig.data] == ["Trust", "ICB"]
