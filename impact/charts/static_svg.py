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

import base64
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape
from typing import Any

import numpy as np

#: Trace keys that only matter on screen (hover, selection) and so are ignored on paper.
_SCREEN_ONLY = {
    "hoverinfo",
    "hovertemplate",
    "customdata",
    "legendgroup",
    "connectgaps",
    "cliponaxis",
    "uid",
}
_TRACE_KEYS = _SCREEN_ONLY | {
    "type",
    "x",
    "y",
    "mode",
    "name",
    "line",
    "marker",
    "showlegend",
    "text",
    "textposition",
    "textfont",
}
_DASHES = {"solid": None, "dot": (1, 1), "dash": (3, 3), "dashdot": (3, 1, 1, 1)}
_EPOCH = datetime(1970, 1, 1)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Arial's average advance per character as a share of the font size, to lay text out.
_CHAR_WIDTH = 0.5


class UnsupportedFigure(ValueError):
    """The figure uses something this renderer does not draw."""


@dataclass(frozen=True)
class _Axis:
    """One axis: its data range, pixel span and ticks (value, label)."""

    low: float
    high: float
    start: float
    end: float
    ticks: list[tuple[float, str]]

    def px(self, value: float) -> float:
        span = (self.high - self.low) or 1.0
        return self.start + (value - self.low) / span * (self.end - self.start)


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _get(tree: Mapping[str, Any], path: str, default: Any = None) -> Any:
    node: Any = tree
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return default
        node = node[part]
    return node


def _as_time(value: object) -> float | None:
    """A date value as days since 1970, or ``None`` when it is not a date."""
    if isinstance(value, datetime):
        return (value - _EPOCH) / timedelta(days=1)
    if isinstance(value, date):
        return float((value - _EPOCH.date()).days)
    if isinstance(value, str):
        try:
            when = datetime.fromisoformat(value.replace(" ", "T"))
        except ValueError:
            return None
        return (when.replace(tzinfo=None) - _EPOCH) / timedelta(days=1)
    return None


def _is_date(value: object) -> bool:
    return isinstance(value, date | datetime) or (
        isinstance(value, str) and _as_time(value) is not None
    )


def _number(value: object, dates: bool) -> float | None:
    if value is None:
        return None
    if dates:
        return _as_time(value)
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def _attr(value: object) -> str:
    """A value (a colour, mostly) safe inside a double-quoted attribute."""
    return escape(str(value), quote=True)


def _text_width(text: str, size: float) -> float:
    return len(text) * size * _CHAR_WIDTH


def _font(font: Mapping[str, Any]) -> str:
    return (
        f'font-family="{escape(str(font.get("family", "Arial")), quote=True)}" '
        f'font-size="{float(font.get("size", 12)):g}" '
        f'fill="{_attr(font.get("color", "#000"))}"'
    )


def _lines(text: object) -> list[str]:
    return [part for part in str(text).replace("<br>", "\n").split("\n")]


def _text(
    x: float,
    y: float,
    text: object,
    font: Mapping[str, Any],
    anchor: str = "start",
    extra: str = "",
) -> str:
    rows = _lines(text)
    size = float(font.get("size", 12))
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else size * 1.2:.1f}">{escape(row)}</tspan>'
        for i, row in enumerate(rows)
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {_font(font)}{extra}>{spans}</text>'
    )


# ---- ticks -------------------------------------------------------------------------------


def _tick_count(length: float, min_px: float) -> float:
    """How many ticks plotly aims for on an axis of ``length`` pixels (at most one per
    ``min_px``: 40 on a y axis, 80 on an x axis, and between 5 and 10 in all)."""
    return min(max(length / min_px, 4.0), 9.0) + 1


def _round_up(value: float, choices: Sequence[float]) -> float:
    return next((c for c in choices if c >= value - 1e-9), choices[-1])


def _nice_step(span: float, count: float) -> float:
    """Plotly's linear tick step: the rough step rounded up to 2, 5 or 10 times a power of 10."""
    raw = span / max(count, 1.0)
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return _round_up(raw / power, (2, 5, 10)) * power


def _trimmed(text: str) -> str:
    """``1.50`` as ``1.5`` and ``2.0`` as ``2``, as plotly writes its tick labels."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _format_number(value: float, step: float, tickformat: str | None) -> str:
    """A tick label: ``,d`` as the charts ask for counts, else plotly's default (``95k``)."""
    if tickformat == ",d":
        return f"{round(value):,}"
    if tickformat:
        raise UnsupportedFigure(f"tick format {tickformat!r}")
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            decimals = max(0, -math.floor(math.log10(step / limit) + 1e-9))
            return _trimmed(f"{value / limit:.{decimals}f}") + suffix
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    return _trimmed(f"{value:.{decimals}f}")


def _linear_ticks(low: float, high: float, count: float, tickformat: str | None) -> list:
    step = _nice_step(high - low, count)
    first = math.ceil(low / step - 1e-9)
    ticks = []
    k = first
    while k * step <= high + 1e-9 * step:
        value = k * step
        ticks.append((value, _format_number(value, step, tickformat)))
        k += 1
    return ticks


def _date_ticks(low: float, high: float, count: float) -> list:
    """Ticks on the first of a month, every 1, 2, 3 or 6 months or whole years, as plotly
    ticks a monthly series; labelled ``Oct 2024`` (or ``2024`` when a tick is a year)."""
    start = _EPOCH + timedelta(days=low)
    end = _EPOCH + timedelta(days=high)
    months = (high - low) / (365.25 / 12)
    step = int(_round_up(months / count, (1, 2, 3, 6, 12, 24, 60, 120)))
    index = start.year * 12 + start.month - 1
    if start.day != 1 or start.hour or start.minute:
        index += 1
    index = math.ceil(index / step) * step
    ticks = []
    while True:
        when = datetime(index // 12, index % 12 + 1, 1)
        if when > end:
            break
        label = f"{when.year}" if step >= 12 else f"{_MONTHS[when.month - 1]} {when.year}"
        ticks.append(((when - _EPOCH) / timedelta(days=1), label))
        index += step
    return ticks


# ---- the figure ---------------------------------------------------------------------------


def _check(data: Sequence[Mapping[str, Any]], layout: Mapping[str, Any]) -> None:
    for trace in data:
        if trace.get("type", "scatter") != "scatter":
            raise UnsupportedFigure(f"trace type {trace.get('type')!r}")
        unknown = set(trace) - _TRACE_KEYS
        if unknown:
            raise UnsupportedFigure(f"trace keys {sorted(unknown)}")
    for shape in layout.get("shapes", ()):
        if shape.get("type") != "line":
            raise UnsupportedFigure(f"shape type {shape.get('type')!r}")
    for name in layout:
        if name.startswith(("xaxis", "yaxis")) and name not in ("xaxis", "yaxis"):
            raise UnsupportedFigure(f"more than one axis ({name})")


def _values(values: object) -> list:
    """A trace's array as a list: plotly writes numeric arrays as base64 typed arrays
    (``{"dtype": "f8", "bdata": ...}``) and other arrays as lists."""
    if values is None:
        return []
    if isinstance(values, Mapping) and "bdata" in values:
        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
        return [None if isinstance(v, float) and math.isnan(v) else v for v in array.tolist()]
    if hasattr(values, "tolist"):
        return list(values.tolist())
    return list(values)  # type: ignore[call-overload]


def _points(trace: Mapping[str, Any], dates: bool) -> list[tuple[float, float] | None]:
    xs = _values(trace.get("x"))
    ys = _values(trace.get("y"))
    out: list[tuple[float, float] | None] = []
    for x, y in zip(xs, ys, strict=False):
        px, py = _number(x, dates), _number(y, False)
        out.append(None if px is None or py is None else (px, py))
    return out


def _axis_range(
    axis: Mapping[str, Any], values: Iterable[float], *, dates: bool, padded: bool
) -> tuple[float, float]:
    explicit = axis.get("range")
    if explicit and axis.get("autorange") is not True:
        low, high = (_number(v, dates) for v in explicit)
        if low is not None and high is not None:
            return low, high
    found = list(values)
    if not found:
        return (0.0, 1.0) if not dates else (0.0, 31.0)
    low, high = min(found), max(found)
    if axis.get("rangemode") == "tozero":
        low, high = min(low, 0.0), max(high, 0.0)
    span = (high - low) or (abs(high) or 1.0)
    if padded:
        pad = span * 0.05
        low = low - pad if not (axis.get("rangemode") == "tozero" and low == 0) else low
        high += pad
    if high == low:
        low, high = low - span / 2, high + span / 2
    clip_low = _get(axis, "autorangeoptions.clipmin")
    clip_high = _get(axis, "autorangeoptions.clipmax")
    if clip_low is not None:
        low = max(low, float(clip_low))
    if clip_high is not None:
        high = min(high, float(clip_high))
    return low, high


def _dash(style: str | None, width: float) -> str:
    pattern = _DASHES.get(style or "solid")
    if style and style not in _DASHES:
        raise UnsupportedFigure(f"dash {style!r}")
    if pattern is None:
        return ""
    unit = max(width, 3)
    return ' stroke-dasharray="' + ",".join(f"{p * unit:g}" for p in pattern) + '"'


def _symbol(name: str, x: float, y: float, size: float, fill: str, line: Mapping[str, Any]) -> str:
    r = size / 2
    open_symbol = name.endswith("-open")
    base = name.removesuffix("-open")
    if base == "circle":
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"'
    else:
        if base == "square":
            d = f"M{x - r:.1f},{y - r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}Z"
        elif base == "diamond":
            rd = r * 1.3
            d = (
                f"M{x - rd:.1f},{y:.1f}L{x:.1f},{y - rd:.1f}"
                f"L{x + rd:.1f},{y:.1f}L{x:.1f},{y + rd:.1f}Z"
            )
        elif base in ("triangle-up", "triangle-down"):
            rt, r2, rs = r * 2 / math.sqrt(3), r / 2, r * math.sqrt(2)
            sign = 1 if base == "triangle-up" else -1
            d = f"M{x - rt:.1f},{y + sign * r2:.1f}H{x + rt:.1f}L{x:.1f},{y - sign * rs:.1f}Z"
        else:
            raise UnsupportedFigure(f"marker symbol {name!r}")
        shape = f'<path d="{d}"'
    if open_symbol:
        width = float(line.get("width") or 2)
        return f'{shape} fill="none" stroke="{_attr(fill)}" stroke-width="{width:g}"/>'
    stroke = ""
    if line.get("width"):
        stroke = (
            f' stroke="{_attr(line.get("color", "#444"))}" stroke-width="{float(line["width"]):g}"'
        )
    return f'{shape} fill="{_attr(fill)}"{stroke}/>'


def _clip(
    p: tuple[float, float], q: tuple[float, float], box: tuple[float, float, float, float]
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The part of segment ``p``–``q`` inside ``box`` (x0, y0, x1, y1), or ``None``
    (Liang–Barsky)."""
    (px, py), (qx, qy) = p, q
    dx, dy = qx - px, qy - py
    low, high = 0.0, 1.0
    for step, room in (
        (-dx, px - box[0]),
        (dx, box[2] - px),
        (-dy, py - box[1]),
        (dy, box[3] - py),
    ):
        if step == 0:
            if room < 0:
                return None
            continue
        t = room / step
        if step < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return None
    return (px + low * dx, py + low * dy), (px + high * dx, py + high * dy)


def _line_runs(points: list, x: _Axis, y: _Axis) -> list[list[tuple[float, float]]]:
    """The line's pixel runs, broken at ``None`` and cut to the plot area (plus a little).

    Cutting matters for more than tidiness: a funnel's limits run off to huge values at
    small sizes, and a dashed line thousands of pixels long off the plot would otherwise
    be dashed, invisibly, into the PDF (megabytes, and seconds to print)."""
    room = 20.0
    box = (
        min(x.start, x.end) - room,
        min(y.start, y.end) - room,
        max(x.start, x.end) + room,
        max(y.start, y.end) + room,
    )
    runs: list[list[tuple[float, float]]] = [[]]
    previous: tuple[float, float] | None = None
    for point in points:
        if point is None:
            runs.append([])
            previous = None
            continue
        here = (x.px(point[0]), y.px(point[1]))
        if previous is not None:
            part = _clip(previous, here, box)
            if part is None:
                if runs[-1]:
                    runs.append([])
            else:
                if runs[-1] and runs[-1][-1] != part[0]:
                    runs.append([])
                if not runs[-1]:
                    runs[-1].append(part[0])
                runs[-1].append(part[1])
        previous = here
    return runs


def _trace_lines(points: list, x: _Axis, y: _Axis, line: Mapping[str, Any]) -> str:
    runs = _line_runs(points, x, y)
    width = float(line.get("width", 2))
    colour = line.get("color", "#1f77b4")
    dash = _dash(line.get("dash"), width)
    out = []
    for run in runs:
        if len(run) < 2:
            continue
        coords = " ".join(f"{a:.1f},{b:.1f}" for a, b in run)
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{_attr(colour)}" '
            f'stroke-width="{width:g}" stroke-linejoin="round"{dash}/>'
        )
    return "".join(out)


def _marker_attrs(marker: Mapping[str, Any]) -> tuple[str, float, str, Mapping[str, Any]]:
    return (
        str(marker.get("symbol", "circle")),
        float(marker.get("size", 6)),
        str(marker.get("color", "#1f77b4")),
        marker.get("line") or {},
    )


def _trace_text(trace: Mapping[str, Any], points: list, x: _Axis, y: _Axis, font: dict) -> str:
    texts: Any = trace.get("text")
    if texts is None:
        return ""
    texts = [texts] * len(points) if isinstance(texts, str) else _values(texts)
    position = str(trace.get("textposition", "middle center"))
    vertical, _, horizontal = position.partition(" ")
    size = float(_get(trace, "marker.size", 6))
    gap = size / 2 + 3
    out = []
    for point, label in zip(points, texts, strict=False):
        if point is None or label is None:
            continue
        px, py = x.px(point[0]), y.px(point[1])
        dx = {"left": -gap, "right": gap}.get(horizontal, 0.0)
        anchor = {"left": "end", "right": "start"}.get(horizontal, "middle")
        font_size = float(font.get("size", 12))
        dy = {"top": -gap, "bottom": gap + font_size * 0.8}.get(vertical, font_size * 0.35)
        out.append(_text(px + dx, py + dy, label, font, anchor))
    return "".join(out)


def figure_svg(figure: Any, *, width: int = 1000, height: int | None = None, key: str = "c") -> str:
    """The figure as one SVG element (``viewBox`` ``width`` × ``height``, scaled to fit).

    ``figure`` is a plotly figure or its JSON (``{"data": [...], "layout": {...}}``);
    ``height`` defaults to the layout's. ``key`` keeps the clip path's id unique on a page.
    """
    spec = figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure
    data = [dict(t) for t in spec.get("data", [])]
    layout_in = dict(spec.get("layout", {}))
    template = layout_in.pop("template", None) or {}
    layout = _merge(template.get("layout", {}) if isinstance(template, Mapping) else {}, layout_in)
    _check(data, layout)
    height = int(height or layout.get("height") or 450)
    font = dict(family="Arial", size=12, color="#444") | dict(layout.get("font") or {})
    xaxis = dict(layout.get("xaxis") or {})
    yaxis = dict(layout.get("yaxis") or {})
    first_x = next((v for t in data for v in _values(t.get("x")) if v is not None), None)
    dates = xaxis.get("type") == "date" or (xaxis.get("type") is None and _is_date(first_x))
    traces = [(t, _points(t, dates)) for t in data]

    # Ranges from the data (with room for markers), as plotly's autorange would.
    any_markers = any("markers" in str(t.get("mode", "")) for t in data)
    x_values = [p[0] for _, pts in traces for p in pts if p is not None]
    y_values = [p[1] for _, pts in traces for p in pts if p is not None]
    x_low, x_high = _axis_range(xaxis, x_values, dates=dates, padded=any_markers and not dates)
    if dates and any_markers and x_high > x_low:
        pad = (x_high - x_low) * 0.02
        x_low, x_high = x_low - pad, x_high + pad
    y_low, y_high = _axis_range(yaxis, y_values, dates=False, padded=True)

    # Margins grown for tick labels, axis titles and the legend (plotly's automargin).
    margin = {"l": 80, "r": 80, "t": 100, "b": 80} | dict(layout.get("margin") or {})
    tick_font = font | dict(xaxis.get("tickfont") or {})
    ytick_font = font | dict(yaxis.get("tickfont") or {})
    x_title = _get(xaxis, "title.text")
    y_title = _get(yaxis, "title.text")
    x_title_font = font | dict(_get(xaxis, "title.font") or {})
    y_title_font = font | dict(_get(yaxis, "title.font") or {})
    y_ticks_guess = _linear_ticks(y_low, y_high, 5, yaxis.get("tickformat"))
    tick_size = float(ytick_font["size"])
    label_width = max((_text_width(t[1], tick_size) for t in y_ticks_guess), default=0.0)
    left = max(
        float(margin["l"]), label_width + 8 + (float(y_title_font["size"]) * 1.6 if y_title else 0)
    )
    top = float(margin["t"])
    right = width - float(margin["r"])
    legend_items = _legend_items(data, layout)
    legend_font = font | dict(_get(layout, "legend.font") or {})
    legend_left = left + float(_get(layout, "legend.x", 0) or 0) * (right - left)
    legend_rows = _legend_rows(legend_items, legend_font, width - legend_left)
    row_height = float(legend_font["size"]) * 1.6
    below = float(tick_font["size"]) * 1.6 + (float(x_title_font["size"]) * 1.6 if x_title else 0)
    bottom = max(float(margin["b"]), below + len(legend_rows) * row_height + 8)
    plot_bottom = height - bottom
    if plot_bottom - top < 60:
        raise UnsupportedFigure("no room for the plot area")

    x_ticks = (
        _date_ticks(x_low, x_high, _tick_count(right - left, 80))
        if dates
        else _linear_ticks(x_low, x_high, _tick_count(right - left, 80), xaxis.get("tickformat"))
    )
    xs = _Axis(x_low, x_high, left, right, x_ticks)
    y_count = _tick_count(plot_bottom - top, 40)
    ys = _Axis(
        y_low,
        y_high,
        plot_bottom,
        top,
        _linear_ticks(y_low, y_high, y_count, yaxis.get("tickformat")),
    )

    grid = str(xaxis.get("gridcolor") or "#eee")
    paper = _attr(layout.get("paper_bgcolor", "#fff"))
    plot_bg = _attr(layout.get("plot_bgcolor", "#fff"))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" role="img" '
        f'aria-label="{escape(str(_get(layout, "title.text") or "Chart"), quote=True)}">',
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
            f'stroke="{_attr(grid)}"/>'
        )
        out.append(_text(px, plot_bottom + tick_size * 1.25, label, tick_font, "middle"))
    ygrid = str(yaxis.get("gridcolor") or "#eee")
    for value, label in ys.ticks:
        py = ys.px(value)
        out.append(
            f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{py:.1f}" y2="{py:.1f}" '
            f'stroke="{_attr(ygrid)}"/>'
        )
        out.append(_text(left - 6, py + tick_size * 0.35, label, ytick_font, "end"))
    if x_title:
        out.append(
            _text(
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
            _text(
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
            out.append(_trace_lines(points, xs, ys, trace.get("line") or {}))
    out.append("</g>")
    out.append(_shapes(layout, xs, ys, top, plot_bottom, dates))
    for trace, points in traces:
        mode = str(trace.get("mode", "lines"))
        if "markers" in mode:
            symbol, size, colour, line = _marker_attrs(trace.get("marker") or {})
            for point in points:
                if point is not None:
                    out.append(
                        _symbol(symbol, xs.px(point[0]), ys.px(point[1]), size, colour, line)
                    )
        if "text" in mode:
            out.append(_trace_text(trace, points, xs, ys, font | dict(trace.get("textfont") or {})))
    out.append(_annotations(layout, xs, ys, top, plot_bottom, font, dates, width, height))
    out.append(_title(layout, font))
    legend_top = plot_bottom + below + 4
    out.append(_legend(legend_rows, legend_font, legend_left, legend_top, row_height))
    out.append("</svg>")
    return "".join(out)


def _shapes(
    layout: Mapping[str, Any], xs: _Axis, ys: _Axis, top: float, bottom: float, dates: bool
) -> str:
    out = []
    for shape in layout.get("shapes", ()):
        ends = []
        for axis_name, ref, a, b in (
            ("x", shape.get("xref", "x"), "x0", "x1"),
            ("y", shape.get("yref", "y"), "y0", "y1"),
        ):
            axis = xs if axis_name == "x" else ys
            span = (xs.start, xs.end) if axis_name == "x" else (bottom, top)
            for end in (a, b):
                value = shape.get(end)
                if ref == "paper":
                    ends.append(span[0] + float(value) * (span[1] - span[0]))
                else:
                    number = _number(value, dates and axis_name == "x")
                    if number is None:
                        raise UnsupportedFigure(f"shape end {value!r}")
                    ends.append(axis.px(number))
        line = shape.get("line") or {}
        width = float(line.get("width", 2))
        out.append(
            f'<line x1="{ends[0]:.1f}" x2="{ends[1]:.1f}" y1="{ends[2]:.1f}" y2="{ends[3]:.1f}" '
            f'stroke="{_attr(line.get("color", "#444"))}" stroke-width="{width:g}"'
            f"{_dash(line.get('dash'), width)}/>"
        )
    return "".join(out)


def _annotations(
    layout: Mapping[str, Any],
    xs: _Axis,
    ys: _Axis,
    top: float,
    bottom: float,
    font: dict,
    dates: bool,
    width: int,
    height: int,
) -> str:
    out = []
    for note in layout.get("annotations", ()):
        if note.get("showarrow", True):
            raise UnsupportedFigure("annotation with an arrow")
        px = _place(note.get("x"), note.get("xref", "x"), xs, (xs.start, xs.end), dates, width)
        py = _place(note.get("y"), note.get("yref", "y"), ys, (bottom, top), False, height)
        note_font = font | dict(note.get("font") or {})
        size = float(note_font["size"])
        rows = len(_lines(note.get("text", "")))
        anchor = {"left": "start", "right": "end"}.get(str(note.get("xanchor", "center")), "middle")
        yanchor = str(note.get("yanchor", "middle"))
        first_baseline = {
            "bottom": py - size * 0.25 - (rows - 1) * size * 1.2,
            "top": py + size * 0.9,
        }.get(yanchor, py + size * 0.35 - (rows - 1) * size * 0.6)
        out.append(_text(px, first_baseline, note.get("text", ""), note_font, anchor))
    return "".join(out)


def _place(
    value: object, ref: str, axis: _Axis, span: tuple[float, float], dates: bool, full: int
) -> float:
    if ref == "paper":
        return span[0] + float(value) * (span[1] - span[0])  # type: ignore[arg-type]
    number = _number(value, dates)
    if number is None:
        raise UnsupportedFigure(f"annotation position {value!r}")
    return axis.px(number)


def _title(layout: Mapping[str, Any], font: dict) -> str:
    title = layout.get("title") or {}
    text = title.get("text")
    if not text:
        return ""
    title_font = font | dict(title.get("font") or {})
    x = float(_get(title, "pad.l", 0) or 0) + 2
    size = float(title_font["size"])
    out = _text(x, size * 1.5, text, title_font, "start", ' font-weight="normal"')
    subtitle = _get(title, "subtitle.text")
    if subtitle:
        sub_font = font | dict(_get(title, "subtitle.font") or {})
        if not _get(title, "subtitle.font.size"):
            sub_font["size"] = round(size * 0.7)  # as plotly draws a subtitle under a title
        out += _text(x, size * 1.5 + float(sub_font["size"]) * 1.5, subtitle, sub_font)
    return out


def _legend_items(
    data: Sequence[Mapping[str, Any]], layout: Mapping[str, Any]
) -> list[Mapping[str, Any]]:
    """The traces named in the legend; as in plotly, none for a lone trace unless asked."""
    if layout.get("showlegend") is False or (len(data) < 2 and not layout.get("showlegend")):
        return []
    return [t for t in data if t.get("showlegend", True) and t.get("name")]


def _legend_rows(items: list, font: dict, width: float) -> list[list[tuple[float, Mapping]]]:
    rows: list[list[tuple[float, Mapping]]] = [[]] if items else []
    x = 0.0
    size = float(font["size"])
    for item in items:
        item_width = 40 + _text_width(str(item["name"]), size) + 12
        if rows[-1] and x + item_width > width:
            rows.append([])
            x = 0.0
        rows[-1].append((x, item))
        x += item_width
    return rows


def _legend(rows: list, font: dict, left: float, top: float, row_height: float) -> str:
    out = []
    size = float(font["size"])
    for r, row in enumerate(rows):
        cy = top + r * row_height + row_height / 2
        for x, item in row:
            x0 = left + x
            mode = str(item.get("mode", "lines"))
            if "lines" in mode:
                line = item.get("line") or {}
                width = float(line.get("width", 2))
                out.append(
                    f'<line x1="{x0 + 5:.1f}" x2="{x0 + 35:.1f}" y1="{cy:.1f}" y2="{cy:.1f}" '
                    f'stroke="{_attr(line.get("color", "#444"))}" stroke-width="{width:g}"'
                    f"{_dash(line.get('dash'), width)}/>"
                )
            if "markers" in mode:
                symbol, msize, colour, line = _marker_attrs(item.get("marker") or {})
                out.append(_symbol(symbol, x0 + 20, cy, min(msize, 12), colour, line))
            out.append(_text(x0 + 40, cy + size * 0.35, item["name"], font))
    return "".join(out)
