"""The plain trend line for a measure with too few points for SPC."""

import pandas as pd

from impact import charts
from impact.charts.trend import trend_figure


def test_trend_figure_is_one_nhs_line_without_limits():
    frame = pd.DataFrame(
        {"period_start": pd.to_datetime(["2025-01-01", "2025-04-01"]), "coaches": [3, 5]}
    )
    fig = trend_figure(frame, x="period_start", y="coaches", title="Coaches")
    assert len(fig.data) == 1
    assert list(fig.data[0].y) == [3, 5]
    assert fig.layout.template.layout.font.family == charts.FONT_FAMILY
    assert fig.layout.title.text == "Coaches"
