"""The sparkline: a small SVG trend with the latest point coloured and named by its type.

An SVG string rather than a Plotly figure, light enough for a page with many metrics.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from impact import palette
from impact.units import format_value


def sparkline_svg(
    points: pd.DataFrame, *, unit: str = "", width: int = 240, height: int = 56
) -> str:
    """A sparkline as a small SVG string: light enough for a page with many metrics.

    The line is the values over the period; the latest point is coloured by its point type,
    and the ``aria-label`` says in words what the line shows.
    """
    values = [float(v) for v in points.sort_values("period_start")["value"] if not pd.isna(v)]
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    pad = 4
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    coords = [
        (pad + i * step, pad + (height - 2 * pad) * (1 - (v - low) / span))
        for i, v in enumerate(values)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    last = points.sort_values("period_start").iloc[-1]
    point_type = str(last.get("point_type") or "common_cause")
    colour = palette.POINT_TYPE_COLOURS.get(point_type, palette.NHS_MID_GREY)
    label = sparkline_label(points, unit=unit)
    x, y = coords[-1]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label, quote=True)}">'
        f"<title>{escape(label)}</title>"
        f'<polyline points="{path}" fill="none" stroke="{palette.VALUE_LINE}" stroke-width="2"/>'
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/></svg>'
    )


def sparkline_label(points: pd.DataFrame, *, unit: str = "") -> str:
    """What a sparkline shows, in words (its text alternative)."""
    ordered = points.sort_values("period_start")
    values = [float(v) for v in ordered["value"] if not pd.isna(v)]
    if not values:
        return "No values to show"
    point_type = str(ordered.iloc[-1].get("point_type") or "common_cause")
    return (
        f"Trend over {len(values)} periods, from {format_value(values[0], unit)} to "
        f"{format_value(values[-1], unit)}; latest point: "
        f"{palette.POINT_TYPE_LABELS.get(point_type, point_type)}"
    )
