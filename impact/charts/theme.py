"""The NHS look of every figure: Arial, sizes for a meeting-room screen, white ground.

Applied explicitly to each figure because importing Streamlit makes its own template
Plotly's default, which would otherwise restyle the charts (and the board pack's, when it
is built inside the app) in Streamlit's fonts. Every colour comes from
:mod:`impact.palette`.
"""

from __future__ import annotations

import plotly.graph_objects as go

from impact import palette
from impact.units import unit_suffix

#: Arial is the NHS identity's typeface for digital; sizes are for a meeting-room screen
#: read from across the table (body 16 px, titles 20 px, never below 14 px).
FONT_FAMILY = "Arial, Helvetica, sans-serif"
FONT = dict(family=FONT_FAMILY, size=16, color=palette.NHS_BLACK)
TITLE_FONT = dict(family=FONT_FAMILY, size=20, color=palette.NHS_DARK_BLUE)
TICK_FONT = dict(family=FONT_FAMILY, size=15, color=palette.NHS_BLACK)
NOTE_FONT_SIZE = 14

#: Both axes' look: NHS type, pale grid, no zero line, room for long tick labels.
_AXIS = dict(
    tickfont=TICK_FONT,
    title=dict(font=FONT),
    gridcolor=palette.NHS_PALE_GREY,
    linecolor=palette.NHS_MID_GREY,
    zeroline=False,
    automargin=True,
)

#: Every figure's look, in one place. Applied explicitly to each figure because importing
#: Streamlit makes its own template Plotly's default, which would otherwise restyle the
#: charts (and the board pack's, when it is built inside the app) in Streamlit's fonts.
NHS_TEMPLATE = go.layout.Template(
    layout=dict(
        font=FONT,
        title=dict(font=TITLE_FONT, x=0, xanchor="left", xref="container", pad=dict(l=12)),
        paper_bgcolor=palette.NHS_WHITE,
        plot_bgcolor=palette.NHS_WHITE,
        colorway=list(palette.COMPARISON_LINES),
        legend=dict(font=dict(family=FONT_FAMILY, size=15, color=palette.NHS_BLACK)),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=15)),
        xaxis=_AXIS,
        yaxis=_AXIS,
    )
)


def nhs_figure(*traces: go.BaseTraceType) -> go.Figure:
    """A figure in the NHS look (Arial, readable sizes, white ground), whatever the default."""
    fig = go.Figure(list(traces))
    fig.update_layout(template=NHS_TEMPLATE)
    return fig


def scale_fonts(fig: go.Figure, factor: float) -> go.Figure:
    """Enlarge every text in the figure by ``factor`` (for a screen read across a room)."""
    layout = NHS_TEMPLATE.layout

    def size(base: float | None) -> int:
        return round((base or FONT["size"]) * factor)

    fig.update_layout(
        font_size=size(layout.font.size),
        title_font_size=size(layout.title.font.size),
        legend_font_size=size(layout.legend.font.size),
        hoverlabel_font_size=size(layout.hoverlabel.font.size),
    )
    fig.update_xaxes(tickfont_size=size(TICK_FONT["size"]))
    fig.update_yaxes(tickfont_size=size(TICK_FONT["size"]))
    for note in fig.layout.annotations:
        note.font.size = size(note.font.size)
    return fig


def base_layout(fig: go.Figure, *, title: str, unit: str, height: int) -> None:
    fig.update_layout(
        template=NHS_TEMPLATE,
        title=dict(text=title),
        height=height,
        margin=dict(l=60, r=20, t=60, b=50),
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0),
    )
    fig.update_yaxes(title_text=unit_suffix(unit).strip() or None, tickformat=tick_format(unit))


def tick_format(unit: str) -> str | None:
    """Counts ticked as ``95,000`` (as the pages write them), not Plotly's ``95k``."""
    return ",d" if unit == "count" else None


def add_vertical_line(
    fig: go.Figure, x: object, *, name: str, colour: str, width: float, dash: str
) -> None:
    """A line at ``x`` across the whole plot height (an event, a rebase, a target)."""
    fig.add_shape(
        type="line",
        xref="x",
        yref="paper",
        x0=x,
        x1=x,
        y0=0,
        y1=1,
        name=name,
        line=dict(color=colour, width=width, dash=dash),
    )
