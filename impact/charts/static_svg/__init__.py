"""A plotly figure drawn as static SVG, without a browser running plotly.js.

The board pack's printed copy needs the charts on paper, not the hover, zoom and drag the
screen has; drawing some thirty charts with plotly.js inside the printing browser was most
of a print's time. This module draws a figure's own JSON (``fig.to_plotly_json()``, or the
arguments of ``Plotly.newPlot`` in an exported page) as SVG, so the chart content has one
source of truth: the figure the interactive chart is drawn from. Nothing here builds a
chart; every line, marker, label, colour and title comes from the figure.

It draws what the project's charts use (:mod:`impact.charts`): scatter traces in lines,
markers and text modes (dashes, breaks at ``None``, the marker symbols of the SPC and funnel
charts), line shapes, annotations, a title with subtitle, a horizontal legend, and a date
or linear x axis with a linear y axis (explicit ranges, ``rangemode``, the autorange clip of
a unit's natural range, ``tickformat``). Anything else raises :class:`UnsupportedFigure`, so
a caller can fall back to plotly.js rather than print a chart with something missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from impact.charts.static_svg.axes import (
    Axis,
    as_list,
    axis_range,
    date_ticks,
    is_date,
    linear_ticks,
    tick_count,
    trace_points,
)
from impact.charts.static_svg.marks import (
    attr,
    marker_attrs,
    marker_symbol,
    text_element,
    text_width,
    trace_lines,
    trace_text,
)
from impact.charts.static_svg.page import (
    draw_annotations,
    draw_legend,
    draw_shapes,
    draw_title,
    legend_entries,
    legend_layout,
)
from impact.charts.static_svg.tree import UnsupportedFigure, check, get, merge

__all__ = ["UnsupportedFigure", "figure_svg"]


def figure_svg(figure: Any, *, width: int = 1000, height: int | None = None, key: str = "c") -> str:
    """The figure as one SVG element (``viewBox`` ``width`` × ``height``, scaled to fit).

    ``figure`` is a plotly figure or its JSON (``{"data": [...], "layout": {...}}``);
    ``height`` defaults to the layout's. ``key`` keeps the clip path's id unique on a page.
    """
    spec = figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure
    data = [dict(t) for t in spec.get("data", [])]
    layout_in = dict(spec.get("layout", {}))
    template = layout_in.pop("template", None) or {}
    layout = merge(template.get("layout", {}) if isinstance(template, Mapping) else {}, layout_in)
    check(data, layout)
    height = int(height or layout.get("height") or 450)
    font = dict(family="Arial", size=12, color="#444") | dict(layout.get("font") or {})
    xaxis = dict(layout.get("xaxis") or {})
    yaxis = dict(layout.get("yaxis") or {})
    first_x = next((v for t in data for v in as_list(t.get("x")) if v is not None), None)
    dates = xaxis.get("type") == "date" or (xaxis.get("type") is None and is_date(first_x))
    traces = [(t, trace_points(t, dates)) for t in data]

    # Ranges from the data (with room for markers), as plotly's autorange would.
    any_markers = any("markers" in str(t.get("mode", "")) for t in data)
    x_values = [p[0] for _, pts in traces for p in pts if p is not None]
    y_values = [p[1] for _, pts in traces for p in pts if p is not None]
    x_low, x_high = axis_range(xaxis, x_values, dates=dates, padded=any_markers and not dates)
    if dates and any_markers and x_high > x_low:
        pad = (x_high - x_low) * 0.02
        x_low, x_high = x_low - pad, x_high + pad
    y_low, y_high = axis_range(yaxis, y_values, dates=False, padded=True)

    # Margins grown for tick labels, axis titles and the legend (plotly's automargin).
    margin = {"l": 80, "r": 80, "t": 100, "b": 80} | dict(layout.get("margin") or {})
    tick_font = font | dict(xaxis.get("tickfont") or {})
    ytick_font = font | dict(yaxis.get("tickfont") or {})
    x_title = get(xaxis, "title.text")
    y_title = get(yaxis, "title.text")
    x_title_font = font | dict(get(xaxis, "title.font") or {})
    y_title_font = font | dict(get(yaxis, "title.font") or {})
    y_ticks_guess = linear_ticks(y_low, y_high, 5, yaxis.get("tickformat"))
    tick_size = float(ytick_font["size"])
    label_width = max((text_width(t[1], tick_size) for t in y_ticks_guess), default=0.0)
    left = max(
        float(margin["l"]), label_width + 8 + (float(y_title_font["size"]) * 1.6 if y_title else 0)
    )
    top = float(margin["t"])
    right = width - float(margin["r"])
    legend_items = legend_entries(data, layout)
    legend_font = font | dict(get(layout, "legend.font") or {})
    legend_left = left + float(get(layout, "legend.x", 0) or 0) * (right - left)
    legend_rows = legend_layout(legend_items, legend_font, width - legend_left)
    row_height = float(legend_font["size"]) * 1.6
    below = float(tick_font["size"]) * 1.6 + (float(x_title_font["size"]) * 1.6 if x_title else 0)
    bottom = max(float(margin["b"]), below + len(legend_rows) * row_height + 8)
    plot_bottom = height - bottom
    if plot_bottom - top < 60:
        raise UnsupportedFigure("no room for the plot area")

    x_ticks = (
        date_ticks(x_low, x_high, tick_count(right - left, 80))
        if dates
        else linear_ticks(x_low, x_high, tick_count(right - left, 80), xaxis.get("tickformat"))
    )
    xs = Axis(x_low, x_high, left, right, x_ticks)
    y_count = tick_count(plot_bottom - top, 40)
    ys = Axis(
        y_low,
        y_high,
        plot_bottom,
        top,
        linear_ticks(y_low, y_high, y_count, yaxis.get("tickformat")),
    )

    grid = str(xaxis.get("gridcolor") or "#eee")
    paper = attr(layout.get("paper_bgcolor", "#fff"))
    plot_bg = attr(layout.get("plot_bgcolor", "#fff"))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" role="img" '
        f'aria-label="{escape(str(get(layout, "title.text") or "Chart"), quote=True)}">',
        f'<rect width="{width}" height="{height}" fill="{paper}"/>',
        f'<rect x="{left:.1f}" y="{top:.1f}" width="{right - left:.1f}" '
        f'height="{plot_bottom - top:.1f}" fill="{plot_bg}"/>',
        f'<clipPath id="{escape(key)}-plot"><rect x="{left:.1f}" y="{top:.1f}" '
        f'width="{right - left:.1f}" height="{plot_bottom - top:.1f}"/></clipPath>',
    ]
    for value, label in xs.ticks:
        px = xs.px(value)
        out.append(
            f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{top:.1f}" y2="{plot_bottom:.1f}" '
            f'stroke="{attr(grid)}"/>'
        )
        out.append(text_element(px, plot_bottom + tick_size * 1.25, label, tick_font, "middle"))
    ygrid = str(yaxis.get("gridcolor") or "#eee")
    for value, label in ys.ticks:
        py = ys.px(value)
        out.append(
            f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{py:.1f}" y2="{py:.1f}" '
            f'stroke="{attr(ygrid)}"/>'
        )
        out.append(text_element(left - 6, py + tick_size * 0.35, label, ytick_font, "end"))
    if x_title:
        out.append(
            text_element(
                (left + right) / 2,
                plot_bottom + tick_size * 1.6 + float(x_title_font["size"]) * 1.2,
                x_title,
                x_title_font,
                "middle",
            )
        )
    if y_title:
        cx, cy = float(y_title_font["size"]) * 1.0, (top + plot_bottom) / 2
        out.append(
            text_element(
                cx,
                cy,
                y_title,
                y_title_font,
                "middle",
                f' transform="rotate(-90 {cx:.1f} {cy:.1f})"',
            )
        )

    out.append(f'<g clip-path="url(#{escape(key)}-plot)">')
    for trace, points in traces:
        if "lines" in str(trace.get("mode", "lines")):
            out.append(trace_lines(points, xs, ys, trace.get("line") or {}))
    out.append("</g>")
    out.append(draw_shapes(layout, xs, ys, top, plot_bottom, dates))
    for trace, points in traces:
        mode = str(trace.get("mode", "lines"))
        if "markers" in mode:
            symbol, size, colour, line = marker_attrs(trace.get("marker") or {})
            for point in points:
                if point is not None:
                    out.append(
                        marker_symbol(symbol, xs.px(point[0]), ys.px(point[1]), size, colour, line)
                    )
        if "text" in mode:
            out.append(trace_text(trace, points, xs, ys, font | dict(trace.get("textfont") or {})))
    out.append(draw_annotations(layout, xs, ys, top, plot_bottom, font, dates, width, height))
    out.append(draw_title(layout, font))
    legend_top = plot_bottom + below + 4
    out.append(draw_legend(legend_rows, legend_font, legend_left, legend_top, row_height))
    out.append("</svg>")
    return "".join(out)
