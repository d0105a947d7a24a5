"""The printed pack's static charts: an SPC figure drawn as SVG, read back point by point."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import plotly.graph_objects as go
import pytest

from impact import palette
from impact.charts.spc_chart import spc_figure
from impact.charts.static_svg import UnsupportedFigure, figure_svg
from tests.charts.sample import EVENTS, TARGETS, points

SVG = "{http://www.w3.org/2000/svg}"


def _svg(figure: object) -> ET.Element:
    return ET.fromstring(figure_svg(figure, width=1000, height=360))


def _vertices(line: ET.Element) -> list[tuple[float, float]]:
    return [tuple(map(float, p.split(","))) for p in line.get("points", "").split()]  # type: ignore[misc]


def _lines(root: ET.Element, colour: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}polyline") if e.get("stroke") == colour]


def _texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


@pytest.fixture
def figure() -> go.Figure:
    return spc_figure(points(), title="A&E", unit="percent", targets=TARGETS, events=EVENTS)


@pytest.fixture
def to_y(figure: go.Figure):
    """The value → pixel map, read from the value line (checked affine by the first test)."""
    (line,) = _lines(_svg(figure), palette.VALUE_LINE)
    (_, y0), (_, y5) = _vertices(line)[0], _vertices(line)[5]
    values = points()["value"].tolist()
    scale = (y5 - y0) / (values[5] - values[0])
    return lambda v: y0 + (v - values[0]) * scale


def test_the_value_line_has_every_point_in_date_order_at_its_value(figure: go.Figure) -> None:
    (line,) = _lines(_svg(figure), palette.VALUE_LINE)
    vertices = _vertices(line)
    values = points()["value"].tolist()
    assert len(vertices) == len(values)
    xs = [x for x, _ in vertices]
    steps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    assert all(s > 0 for s in steps)  # months left to right, spaced by their days
    assert max(steps) - min(steps) < 0.1 * max(steps)
    (_, y0), (_, y5) = vertices[0], vertices[5]
    scale = (y5 - y0) / (values[5] - values[0])
    assert scale < 0  # higher values are drawn higher up
    for (_, y), value in zip(vertices, values, strict=True):
        assert y == pytest.approx(y0 + (value - values[0]) * scale, abs=0.15)


def test_a_marker_on_every_point_in_its_point_types_colour(figure: go.Figure) -> None:
    root = _svg(figure)
    (line,) = _lines(root, palette.VALUE_LINE)
    plot_bottom = max(y for _, y in _vertices(line)) + 1
    circles = [
        (float(c.get("cx", 0)), float(c.get("cy", 0)), c.get("fill"))
        for c in root.iter(f"{SVG}circle")
        if float(c.get("cy", 0)) <= plot_bottom  # the legend's samples sit below the plot
    ]
    common = palette.POINT_TYPE_COLOURS["common_cause"]
    vertices = _vertices(line)
    kinds = points()["point_type"].tolist()
    expected = [(x, y) for (x, y), k in zip(vertices, kinds, strict=True) if k == "common_cause"]
    drawn = sorted((x, y) for x, y, fill in circles if fill == common)
    assert len(drawn) == len(expected)
    for (x, y), (ex, ey) in zip(drawn, expected, strict=True):
        assert (x, y) == (pytest.approx(ex, abs=0.15), pytest.approx(ey, abs=0.15))
    paths = [p for p in root.iter(f"{SVG}path") if p.get("fill") != "none"]
    fills = {p.get("fill") for p in paths}
    assert palette.POINT_TYPE_COLOURS["special_cause_improvement"] in fills
    assert palette.POINT_TYPE_COLOURS["special_cause_concern"] in fills


def test_limits_and_mean_per_rebase_group_and_the_target_steps(figure: go.Figure, to_y) -> None:
    root = _svg(figure)
    limits = _lines(root, palette.LIMIT_LINE)
    assert len(limits) == 4 and all(e.get("stroke-dasharray") for e in limits)
    levels = sorted({round(y, 1) for e in limits for _, y in _vertices(e)})
    assert levels == pytest.approx(sorted(round(to_y(v), 1) for v in (65, 77, 75, 94)), abs=0.15)
    means = _lines(root, palette.MEAN_LINE)
    assert len(means) == 2 and not any(e.get("stroke-dasharray") for e in means)
    targets = _lines(root, palette.TARGET_LINE)
    assert len(targets) == 2 and all(e.get("stroke-dasharray") for e in targets)
    assert [_vertices(e)[0][1] for e in targets] == pytest.approx([to_y(76), to_y(78)], abs=0.15)


def test_titles_ticks_legend_and_event_notes_are_written(figure: go.Figure) -> None:
    root = _svg(figure)
    texts = _texts(root)
    assert "A&E" in texts and figure.layout.title.subtitle.text in texts
    assert "%" in texts  # the value axis's title
    assert {"Jan 2024", "Feb 2024", "Jun 2024"} <= set(texts)
    named = [t.name for t in figure.data if t.showlegend is not False]
    assert named and set(named) <= set(texts)
    assert "Value" not in texts  # the value line is not in the plotly legend either
    notes = [a.text for a in figure.layout.annotations]
    assert notes and set(notes) <= set(texts)
    verticals = [e for e in root.iter(f"{SVG}line") if e.get("stroke") == palette.EVENT_LINE]
    assert len(verticals) == len(figure.layout.shapes)
    assert all(e.get("x1") == e.get("x2") for e in verticals)
    ticks = [t for t in texts if t.replace(".", "").isdigit()]
    assert ticks and all(0 <= float(t) <= 100 for t in ticks)  # within the percent range


def test_the_json_of_an_exported_page_draws_the_same_svg(figure: go.Figure) -> None:
    # An exported page writes numeric arrays as base64 typed arrays; they must read back.
    exported = json.loads(figure.to_json())
    assert any(isinstance(t.get("y"), dict) for t in exported["data"])
    assert figure_svg(exported) == figure_svg(figure)


def test_text_from_an_extract_is_escaped() -> None:
    fig = spc_figure(points(), title='<script>alert("x")</script> & co', unit="percent")
    svg = figure_svg(fig)
    assert "<script" not in svg
    assert '<script>alert("x")</script> & co' in _texts(ET.fromstring(svg))


def test_lines_running_far_off_the_plot_are_cut_to_it() -> None:
    fig = go.Figure(
        go.Scatter(x=[1, 2, 3, 4], y=[1e6, 5, 6, -1e6], mode="lines", line=dict(dash="dash"))
    )
    fig.update_layout(yaxis_range=[0, 10], height=300, margin=dict(l=60, r=20, t=40, b=40))
    root = _svg(fig)
    (line,) = list(root.iter(f"{SVG}polyline"))
    ys = [y for _, y in _vertices(line)]
    assert len(ys) == 4 and min(ys) > 0 and max(ys) < 360


def test_anything_it_cannot_draw_is_refused_not_left_out() -> None:
    with pytest.raises(UnsupportedFigure):
        figure_svg(go.Figure(go.Bar(x=[1, 2], y=[3, 4])))
    with pytest.raises(UnsupportedFigure):
        figure_svg(go.Figure(go.Scatter(x=[1, 2], y=[3, 4], fill="tozeroy")))


def test_value_ticks_are_written_as_the_chart_asks() -> None:
    counts = points().assign(
        value=lambda d: d["value"] * 100,
        mean=lambda d: d["mean"] * 100,
        lpl=lambda d: d["lpl"] * 100,
        upl=lambda d: d["upl"] * 100,
    )
    texts = _texts(_svg(spc_figure(counts, title="Attendances", unit="count")))
    assert {"7,000", "8,000", "9,000"} <= set(texts)  # tickformat ",d", as the pages write
    plain = go.Figure(go.Scatter(x=[1, 2, 3], y=[0.5, 1.25, 2.0], mode="lines"))
    texts = _texts(_svg(plain))
    assert {"0.5", "1", "1.5", "2"} <= set(texts)  # plotly's default labels, no "1.0"
