"""What surrounds the traces: shapes, annotations, the title and the legend."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from impact.charts.static_svg.axes import Axis, to_number
from impact.charts.static_svg.marks import (
    attr,
    dash_array,
    marker_attrs,
    marker_symbol,
    text_element,
    text_lines,
    text_width,
)
from impact.charts.static_svg.tree import UnsupportedFigure, get


def draw_shapes(
    layout: Mapping[str, Any], xs: Axis, ys: Axis, top: float, bottom: float, dates: bool
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
                    number = to_number(value, dates and axis_name == "x")
                    if number is None:
                        raise UnsupportedFigure(f"shape end {value!r}")
                    ends.append(axis.px(number))
        line = shape.get("line") or {}
        width = float(line.get("width", 2))
        out.append(
            f'<line x1="{ends[0]:.1f}" x2="{ends[1]:.1f}" y1="{ends[2]:.1f}" y2="{ends[3]:.1f}" '
            f'stroke="{attr(line.get("color", "#444"))}" stroke-width="{width:g}"'
            f"{dash_array(line.get('dash'), width)}/>"
        )
    return "".join(out)


def draw_annotations(
    layout: Mapping[str, Any],
    xs: Axis,
    ys: Axis,
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
        px = place(note.get("x"), note.get("xref", "x"), xs, (xs.start, xs.end), dates, width)
        py = place(note.get("y"), note.get("yref", "y"), ys, (bottom, top), False, height)
        note_font = font | dict(note.get("font") or {})
        size = float(note_font["size"])
        rows = len(text_lines(note.get("text", "")))
        anchor = {"left": "start", "right": "end"}.get(str(note.get("xanchor", "center")), "middle")
        yanchor = str(note.get("yanchor", "middle"))
        first_baseline = {
            "bottom": py - size * 0.25 - (rows - 1) * size * 1.2,
            "top": py + size * 0.9,
        }.get(yanchor, py + size * 0.35 - (rows - 1) * size * 0.6)
        out.append(text_element(px, first_baseline, note.get("text", ""), note_font, anchor))
    return "".join(out)


def place(
    value: object, ref: str, axis: Axis, span: tuple[float, float], dates: bool, full: int
) -> float:
    if ref == "paper":
        return span[0] + float(value) * (span[1] - span[0])  # type: ignore[arg-type]
    number = to_number(value, dates)
    if number is None:
        raise UnsupportedFigure(f"annotation position {value!r}")
    return axis.px(number)


def draw_title(layout: Mapping[str, Any], font: dict) -> str:
    title = layout.get("title") or {}
    text = title.get("text")
    if not text:
        return ""
    title_font = font | dict(title.get("font") or {})
    x = float(get(title, "pad.l", 0) or 0) + 2
    size = float(title_font["size"])
    out = text_element(x, size * 1.5, text, title_font, "start", ' font-weight="normal"')
    subtitle = get(title, "subtitle.text")
    if subtitle:
        sub_font = font | dict(get(title, "subtitle.font") or {})
        if not get(title, "subtitle.font.size"):
            sub_font["size"] = round(size * 0.7)  # as plotly draws a subtitle under a title
        out += text_element(x, size * 1.5 + float(sub_font["size"]) * 1.5, subtitle, sub_font)
    return out


def legend_entries(
    data: Sequence[Mapping[str, Any]], layout: Mapping[str, Any]
) -> list[Mapping[str, Any]]:
    """The traces named in the legend; as in plotly, none for a lone trace unless asked."""
    if layout.get("showlegend") is False or (len(data) < 2 and not layout.get("showlegend")):
        return []
    return [t for t in data if t.get("showlegend", True) and t.get("name")]


def legend_layout(items: list, font: dict, width: float) -> list[list[tuple[float, Mapping]]]:
    rows: list[list[tuple[float, Mapping]]] = [[]] if items else []
    x = 0.0
    size = float(font["size"])
    for item in items:
        item_width = 40 + text_width(str(item["name"]), size) + 12
        if rows[-1] and x + item_width > width:
            rows.append([])
            x = 0.0
        rows[-1].append((x, item))
        x += item_width
    return rows


def draw_legend(rows: list, font: dict, left: float, top: float, row_height: float) -> str:
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
                    f'stroke="{attr(line.get("color", "#444"))}" stroke-width="{width:g}"'
                    f"{dash_array(line.get('dash'), width)}/>"
                )
            if "markers" in mode:
                symbol, msize, colour, line = marker_attrs(item.get("marker") or {})
                out.append(marker_symbol(symbol, x0 + 20, cy, min(msize, 12), colour, line))
            out.append(text_element(x0 + 40, cy + size * 0.35, item["name"], font))
    return "".join(out)
