"""The figure's JSON as this renderer reads it: what it refuses, and paths into it.

A figure using anything the renderer does not draw is refused here, once, before any
SVG is written, so the caller falls back to plotly.js instead of printing a chart with
something missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: Trace keys that only matter on screen (hover, selection) and so are ignored on paper.
SCREEN_ONLY = {
    "hoverinfo",
    "hovertemplate",
    "customdata",
    "legendgroup",
    "connectgaps",
    "cliponaxis",
    "uid",
}


TRACE_KEYS = SCREEN_ONLY | {
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


class UnsupportedFigure(ValueError):
    """The figure uses something this renderer does not draw."""


def merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def get(tree: Mapping[str, Any], path: str, default: Any = None) -> Any:
    node: Any = tree
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return default
        node = node[part]
    return node


def check(data: Sequence[Mapping[str, Any]], layout: Mapping[str, Any]) -> None:
    for trace in data:
        if trace.get("type", "scatter") != "scatter":
            raise UnsupportedFigure(f"trace type {trace.get('type')!r}")
        unknown = set(trace) - TRACE_KEYS
        if unknown:
            raise UnsupportedFigure(f"trace keys {sorted(unknown)}")
    for shape in layout.get("shapes", ()):
        if shape.get("type") != "line":
            raise UnsupportedFigure(f"shape type {shape.get('type')!r}")
    for name in layout:
        if name.startswith(("xaxis", "yaxis")) and name not in ("xaxis", "yaxis"):
            raise UnsupportedFigure(f"more than one axis ({name})")
