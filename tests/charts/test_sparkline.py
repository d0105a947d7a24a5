"""The sparkline SVG and its words."""

from impact import palette
from impact.charts.sparkline import sparkline_svg
from tests.charts.sample import points


def test_sparkline_svg_names_the_trend_in_words():
    svg = sparkline_svg(points(), unit="percent")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "from 70% to 95%" in svg and "Special cause – concern" in svg
    assert f'fill="{palette.POINT_TYPE_COLOURS["special_cause_concern"]}"' in svg
    assert svg.count(",") >= 6  # one coordinate pair per point
    assert sparkline_svg(points().iloc[0:0]) == ""
