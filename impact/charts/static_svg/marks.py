"""The marks of a plot: text, dashed lines cut to the plot area, and marker symbols.

Lines are cut to the plot area before they are dashed: a funnel's limits run off to huge
values at small sizes, and dashing them unclipped made multi-megabyte PDFs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from html import escape
from typing import Any

from impact.charts.static_svg.axes import Axis, as_list
from impact.charts.static_svg.tree import UnsupportedFigure, get

DASHES = {"solid": None, "dot": (1, 1), "dash": (3, 3), "dashdot": (3, 1, 1, 1)}


#: Arial's average advance per character as a share of the font size, to lay text out.
CHAR_WIDTH = 0.5


def attr(value: object) -> str:
    """A value (a colour, mostly) safe inside a double-quoted attribute."""
    return escape(str(value), quote=True)


def text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def font_attrs(font: Mapping[str, Any]) -> str:
    return (
        f'font-family="{escape(str(font.get("family", "Arial")), quote=True)}" '
        f'font-size="{float(font.get("size", 12)):g}" '
        f'fill="{attr(font.get("color", "#000"))}"'
    )


def text_lines(text: object) -> list[str]:
    return [part for part in str(text).replace("<br>", "\n").split("\n")]


def text_element(
    x: float,
    y: float,
    text: object,
    font: Mapping[str, Any],
    anchor: str = "start",
    extra: str = "",
) -> str:
    rows = text_lines(text)
    size = float(font.get("size", 12))
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else size * 1.2:.1f}">{escape(row)}</tspan>'
        for i, row in enumerate(rows)
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" '
        f"{font_attrs(font)}{extra}>{spans}</text>"
    )


def dash_array(style: str | None, width: float) -> str:
    pattern = DASHES.get(style or "solid")
    if style and style not in DASHES:
        raise UnsupportedFigure(f"dash {style!r}")
    if pattern is None:
        return ""
    unit = max(width, 3)
    return ' stroke-dasharray="' + ",".join(f"{p * unit:g}" for p in pattern) + '"'


def marker_symbol(
    name: str, x: float, y: float, size: float, fill: str, line: Mapping[str, Any]
) -> str:
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
        return f'{shape} fill="none" stroke="{attr(fill)}" stroke-width="{width:g}"/>'
    stroke = ""
    if line.get("width"):
        stroke = (
            f' stroke="{attr(line.get("color", "#444"))}" stroke-width="{float(line["width"]):g}"'
        )
    return f'{shape} fill="{attr(fill)}"{stroke}/>'


def clip_segment(
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


def line_runs(points: list, x: Axis, y: Axis) -> list[list[tuple[float, float]]]:
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
            part = clip_segment(previous, here, box)
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


def trace_lines(points: list, x: Axis, y: Axis, line: Mapping[str, Any]) -> str:
    runs = line_runs(points, x, y)
    width = float(line.get("width", 2))
    colour = line.get("color", "#1f77b4")
    dash = dash_array(line.get("dash"), width)
    out = []
    for run in runs:
        if len(run) < 2:
            continue
        coords = " ".join(f"{a:.1f},{b:.1f}" for a, b in run)
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{attr(colour)}" '
            f'stroke-width="{width:g}" stroke-linejoin="round"{dash}/>'
        )
    return "".join(out)


def marker_attrs(marker: Mapping[str, Any]) -> tuple[str, float, str, Mapping[str, Any]]:
    return (
        str(marker.get("symbol", "circle")),
        float(marker.get("size", 6)),
        str(marker.get("color", "#1f77b4")),
        marker.get("line") or {},
    )


def trace_text(trace: Mapping[str, Any], points: list, x: Axis, y: Axis, font: dict) -> str:
    texts: Any = trace.get("text")
    if texts is None:
        return ""
    texts = [texts] * len(points) if isinstance(texts, str) else as_list(texts)
    position = str(trace.get("textposition", "middle center"))
    vertical, _, horizontal = position.partition(" ")
    size = float(get(trace, "marker.size", 6))
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
        out.append(text_element(px + dx, py + dy, label, font, anchor))
    return "".join(out)
