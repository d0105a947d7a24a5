"""Chart builders, checked trace by trace (an app test cannot look inside a chart)."""

from datetime import date
from types import SimpleNamespace

import pandas as pd

from impact import charts, palette
from impact.charts import (
    comparison_figure,
    peer_figure,
    rank_peers,
    rebase_dates,
    scale_fonts,
    sparkline,
    sparkline_svg,
    spc_figure,
    target_segments,
)


def _points() -> pd.DataFrame:
    dates = pd.date_range("2024-01-01", periods=6, freq="MS")
    return pd.DataFrame(
        {
            "period_start": dates,
            "value": [70.0, 71.0, 72.0, 80.0, 81.0, 95.0],
            "rebase_group": [0, 0, 0, 1, 1, 1],
            "mean": [71.0] * 3 + [85.0] * 3,
            "lpl": [65.0] * 3 + [75.0] * 3,
            "upl": [77.0] * 3 + [94.0] * 3,
            "point_type": ["common_cause"] * 3
            + ["special_cause_improvement", "common_cause", "special_cause_concern"],
            "special_cause_type": ["Common Cause"] * 3
            + ["2 in 3 Above CL", "Common Cause", "Above UCL"],
        }
    )


TARGETS = pd.DataFrame(
    {
        "effective_from": [date(2023, 4, 1), date(2024, 4, 1)],
        "effective_to": [date(2024, 3, 31), None],
        "target_value": [76.0, 78.0],
    }
)
EVENTS = pd.DataFrame(
    {
        "event_date": [date(2024, 4, 1), date(2024, 2, 1)],
        "description": ["New SDEC unit", "Winter escalation ward"],
        "rebase": [True, False],
    }
)


def _trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_points_coloured_and_named_by_point_type():
    fig = spc_figure(_points(), title="A&E", unit="percent")
    concern = _trace(fig, palette.POINT_TYPE_LABELS["special_cause_concern"])
    assert concern.marker.color == palette.POINT_TYPE_COLOURS["special_cause_concern"]
    assert list(concern.y) == [95.0]
    improvement = _trace(fig, palette.POINT_TYPE_LABELS["special_cause_improvement"])
    assert improvement.marker.color == palette.NHS_BLUE
    assert len(_trace(fig, "Common cause").x) == 4
    assert "Rule: %{customdata[1]}" in concern.hovertemplate
    assert concern.customdata[0][1] == "Above the upper process limit"  # words, not R's code
    assert concern.customdata[0][0] == "95%"


def test_mean_and_limits_break_between_rebase_groups():
    fig = spc_figure(_points(), title="x")
    for name in ("Mean", "Upper process limit", "Lower process limit"):
        ys = list(_trace(fig, name).y)
        assert ys.count(None) == 1 and len(ys) == 7
    assert list(_trace(fig, "Mean").y) == [71.0] * 3 + [None] + [85.0] * 3
    assert rebase_dates(_points()) == [pd.Timestamp("2024-04-01")]


def test_rebase_break_and_event_annotations():
    fig = spc_figure(_points(), title="x", targets=TARGETS, events=EVENTS)
    names = [s.name for s in fig.layout.shapes]
    assert names.count("rebase") == 1 and names.count("event") == 1
    texts = [a.text for a in fig.layout.annotations]
    assert "Limits recalculated: New SDEC unit" in texts
    assert "Winter escalation ward" in texts


def test_target_steps_at_its_effective_date():
    segs = target_segments(TARGETS, date(2024, 1, 1), date(2024, 6, 1))
    assert [(s[0].date(), s[1].date(), s[2]) for s in segs] == [
        (date(2024, 1, 1), date(2024, 3, 31), 76.0),
        (date(2024, 4, 1), date(2024, 6, 1), 78.0),
    ]
    fig = spc_figure(_points(), title="x", targets=TARGETS)
    target = _trace(fig, "Target")
    assert list(target.y) == [76.0, 76.0, None, 78.0, 78.0]
    assert target.line.color == palette.TARGET_LINE


def test_no_target_no_target_trace():
    fig = spc_figure(_points(), title="x", targets=TARGETS.iloc[0:0])
    assert all(t.name != "Target" for t in fig.data)
    assert target_segments(TARGETS, date(2020, 1, 1), date(2020, 6, 1)) == []


def test_empty_points_give_an_empty_chart():
    assert spc_figure(_points().iloc[0:0], title="x").data == ()


def test_sparkline_marks_latest_point_type():
    fig = sparkline(_points(), unit="percent")
    last = fig.data[-1]
    assert last.name == palette.POINT_TYPE_LABELS["special_cause_concern"]
    assert list(last.y) == [95.0]


def test_peers_ranked_by_direction_and_chosen_highlighted():
    peers = pd.DataFrame(
        {"org_code": ["A", "B", "C"], "org_name": ["Ash", "Birch", "Cedar"], "value": [5, 9, 1]}
    )
    assert rank_peers(peers, "increase")["org_code"].tolist() == ["B", "A", "C"]
    assert rank_peers(peers, "decrease")["org_code"].tolist() == ["C", "A", "B"]
    fig = peer_figure(peers, chosen="A", direction="decrease", unit="count", target=3)
    bar = fig.data[0]
    assert list(bar.y) == ["Cedar", "Ash (selected)", "Birch"]
    assert list(bar.marker.color) == [
        palette.PEER_OTHER,
        palette.PEER_HIGHLIGHT,
        palette.PEER_OTHER,
    ]
    assert [s.name for s in fig.layout.shapes] == ["target"]


def test_comparison_lines_one_per_org():
    frame = pd.DataFrame(
        {"period_start": pd.date_range("2024-01-01", periods=2, freq="MS"), "value": [1.0, 2.0]}
    )
    fig = comparison_figure(
        [("Trust", frame), ("ICB", frame), ("Region", frame.iloc[0:0])], title="x"
    )
    assert [t.name for t in fig.data] == ["Trust", "ICB"]


def test_sparkline_svg_names_the_trend_in_words():
    svg = sparkline_svg(_points(), unit="percent")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "from 70% to 95%" in svg and "Special cause – concern" in svg
    assert f'fill="{palette.POINT_TYPE_COLOURS["special_cause_concern"]}"' in svg
    assert svg.count(",") >= 6  # one coordinate pair per point
    assert sparkline_svg(_points().iloc[0:0]) == ""


def _font(fig, part: str, attribute: str = "font"):
    """A layout font as drawn: the figure's own setting, else its template's."""
    own = getattr(fig.layout[part] if part else fig.layout, attribute)
    template = fig.layout.template.layout
    fallback = getattr(template[part] if part else template, attribute)
    return SimpleNamespace(family=own.family or fallback.family, size=own.size or fallback.size)


def test_every_figure_uses_arial_whatever_plotly_default_is():
    import plotly.io as pio

    default = pio.templates.default
    pio.templates.default = "ggplot2"  # as Streamlit's own template would be once imported
    try:
        peers = pd.DataFrame(
            {"org_code": ["A", "B"], "org_name": ["Ash", "Birch"], "value": [1, 2]}
        )
        figures = [
            spc_figure(_points(), title="A&E", unit="percent"),
            peer_figure(peers, chosen="A", direction="increase"),
            comparison_figure([("Trust", _points())], title="x"),
            sparkline(_points()),
        ]
    finally:
        pio.templates.default = default
    for fig in figures:
        assert fig.layout.template.layout.font.family.startswith("Arial")
        assert _font(fig, "").family.startswith("Arial") and _font(fig, "").size >= 16
        assert _font(fig, "title").family.startswith("Arial")
        assert _font(fig, "xaxis", "tickfont").size >= 14


def test_scale_fonts_enlarges_text_for_a_meeting_room():
    fig = spc_figure(_points(), title="A&E", unit="percent", events=EVENTS)
    body, tick = _font(fig, "").size, _font(fig, "xaxis", "tickfont").size
    scale_fonts(fig, 1.5)
    assert _font(fig, "").size == round(body * 1.5)
    assert _font(fig, "xaxis", "tickfont").size == round(tick * 1.5)
    assert all(a.font.size > 14 for a in fig.layout.annotations)


def _peer_chart(values, target):
    names = [f"Trust {i} with a long name NHS Foundation Trust" for i in range(len(values))]
    peers = pd.DataFrame(
        {"org_code": [str(i) for i in range(len(values))], "org_name": names, "value": values}
    )
    return peer_figure(peers, chosen="0", direction="increase", unit="percent", target=target)


def test_peer_values_sit_in_their_own_column_beside_the_plot():
    """Values cannot be clipped by the plot edge nor crossed by the target line."""
    fig = _peer_chart([82.55, 78.8, 78.4, 75.5], target=80)
    values = [a for a in fig.layout.annotations if a.name == "value"]
    assert [a.text for a in values] == ["<b>82.5%</b>", "78.8%", "78.4%", "75.5%"]
    assert all(a.xref == "paper" and a.x == 1 and a.xanchor == "left" for a in values)
    assert fig.layout.margin.r >= 10 * len("82.5%")  # room for the value column
    assert fig.data[0].cliponaxis is False
    low, high = fig.layout.xaxis.range
    assert low == 0 and high > 82.55  # the longest bar ends inside the plot


def test_peer_target_label_points_away_from_the_values():
    near_right = _peer_chart([82.0, 78.0], target=80)
    label = next(a for a in near_right.layout.annotations if a.name == "target-label")
    assert label.text == "Target 80%" and label.xanchor == "right"
    assert label.yref == "paper" and label.y == 1 and label.yanchor == "bottom"  # above bars
    near_left = _peer_chart([90.0, 95.0], target=10)
    label = next(a for a in near_left.layout.annotations if a.name == "target-label")
    assert label.xanchor == "left"


def test_count_axes_show_whole_numbers_with_separators_not_si_prefixes():
    counts = _points().assign(value=[64_000.0, 70_000.0, 81_000.0, 90_000.0, 95_000.0, 97_000.0])
    assert spc_figure(counts, title="GP", unit="count").layout.yaxis.tickformat == ",d"
    assert spc_figure(_points(), title="A&E", unit="percent").layout.yaxis.tickformat is None
    peers = pd.DataFrame({"org_code": ["A", "B"], "org_name": ["Ash", "Birch"], "value": [1, 2]})
    assert (
        peer_figure(peers, chosen="A", direction="increase", unit="count").layout.xaxis.tickformat
        == ",d"
    )


def test_trend_figure_is_one_nhs_line_without_limits():
    frame = pd.DataFrame(
        {"period_start": pd.to_datetime(["2025-01-01", "2025-04-01"]), "coaches": [3, 5]}
    )
    fig = charts.trend_figure(frame, x="period_start", y="coaches", title="Coaches")
    assert len(fig.data) == 1
    assert list(fig.data[0].y) == [3, 5]
    assert fig.layout.template.layout.font.family == charts.FONT_FAMILY
    assert fig.layout.title.text == "Coaches"
