"""The pack's safe building blocks: escaping, icons, lists, tables, sparklines, charts.

Every piece of text that came from an extract (a project title, an organisation name, an
answer in the question log) passes through :func:`esc` or :func:`css_string` here, in one
place, so no extract can put markup or script into a board paper. The section layouts in
:mod:`impact.pack.render` build only from these.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from impact import palette
from impact.pack.model import Icon, Table

#: Plotly options for charts in the pack: no logo link, no "edit in Chart Studio" link,
#: nothing that would reach out to a server; hover and zoom still work offline.
CHART_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["sendDataToCloud"],
}
#: Chart height in the pack: two lines of text and one chart fit an A4 landscape page.
CHART_HEIGHT = 360


def esc(text: object) -> str:
    """Text from anywhere as safe HTML text (quotes too, so it is safe in attributes)."""
    return html.escape("" if text is None else str(text), quote=True)


def css_string(text: str) -> str:
    """Text as a CSS string literal, every character outside a small safe set escaped.

    The running header sits in ``@page`` CSS, where an organisation name containing a
    quote, a backslash or ``</style>`` would otherwise end the string or the style sheet.
    """
    safe = re.compile(r"[A-Za-z0-9 .,():;·/_-]")
    out = []
    for char in text:
        if not safe.fullmatch(char):
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def icon_html(icon: Icon | None) -> str:
    """An icon with its words (never colour or shape alone), as on the pages."""
    if icon is None:
        return ""
    svg = icon.markup if _is_trusted_icon(icon.markup) else ""
    return f'<span class="icon">{svg}<span class="icon-label">{esc(icon.label)}</span></span>'


def _is_trusted_icon(markup: str) -> bool:
    """Icons are drawn by our own code from fixed names; refuse anything that could run or
    fetch (script, event handlers, links), so the pack stays inert whatever changes there."""
    lowered = markup.lower()
    return (
        lowered.startswith("<svg")
        and "<script" not in lowered
        and "href" not in lowered
        and "url(" not in lowered
        and not re.search(r"\son[a-z]+\s*=", lowered)
    )


def list_html(items: Iterable[str], css: str = "") -> str:
    entries = "".join(f"<li>{esc(i)}</li>" for i in items)
    if not entries:
        return ""
    cls = f' class="{css}"' if css else ""
    return f"<ul{cls}>{entries}</ul>"


def table_html(table: Table, css: str = "") -> str:
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in table.columns)
    body = []
    for row in table.rows:
        cells = "".join(f"<td>{esc(c)}</td>" for c in row)
        body.append(f"<tr>{cells}</tr>")
    cls = f' class="{css}"' if css else ""
    return (
        f"<table{cls}><caption>{esc(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def trend_svg(values: Sequence[float], width: int = 110, height: int = 28) -> str:
    """A small inline sparkline of recent values, with its first and last value in words.

    Drawn from numbers only (no text from extracts), so it is safe markup by construction.
    """
    numbers = [float(v) for v in values if v is not None and not pd.isna(v)]
    if len(numbers) < 2:
        return ""
    low, high = min(numbers), max(numbers)
    span = (high - low) or 1.0
    step = (width - 4) / (len(numbers) - 1)
    coords = " ".join(
        f"{2 + i * step:.1f},{height - 2 - (v - low) / span * (height - 4):.1f}"
        for i, v in enumerate(numbers)
    )
    label = f"Trend over {len(numbers)} periods, from {numbers[0]:g} to {numbers[-1]:g}"
    return (
        f'<svg class="trend" role="img" aria-label="{esc(label)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
        f'<polyline fill="none" stroke="{palette.NHS_DARK_GREY}" stroke-width="1.5" '
        f'points="{coords}"/></svg>'
    )


def figure_html(figure: go.Figure, div_id: str) -> str:
    """A plotly chart as a ``div`` plus its inline data; plotly.js itself is in the head.

    Plotly escapes ``<`` and ``/`` inside its JSON, so a title taken from an extract cannot
    close the script element.
    """
    fig = go.Figure(figure)
    fig.update_layout(height=CHART_HEIGHT, autosize=True)
    return pio.to_html(
        fig,
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        div_id=div_id,
        config=CHART_CONFIG,
        default_width="100%",
        default_height=f"{CHART_HEIGHT}px",
    )
