"""The NHS look every figure shares, whatever Plotly's default template is."""

from types import SimpleNamespace

import pandas as pd

from impact.charts.comparison import comparison_figure
from impact.charts.peers import peer_figure
from impact.charts.spc_chart import spc_figure
from impact.charts.theme import scale_fonts
from impact.charts.trend import trend_figure
from tests.charts.sample import EVENTS, points


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
            spc_figure(points(), title="A&E", unit="percent"),
            peer_figure(peers, chosen="A", direction="increase"),
            comparison_figure([("Trust", points())], title="x"),
            trend_figure(points(), x="period_start", y="value", title="Trend"),
        ]
    finally:
        pio.templates.default = default
    for fig in figures:
        assert fig.layout.template.layout.font.family.startswith("Arial")
        assert _font(fig, "").family.startswith("Arial") and _font(fig, "").size >= 16
        assert _font(fig, "title").family.startswith("Arial")
        assert _font(fig, "xaxis", "tickfont").size >= 14


def test_scale_fonts_enlarges_text_for_a_meeting_room():
    fig = spc_figure(points(), title="A&E", unit="percent", events=EVENTS)
    body, tick = _font(fig, "").size, _font(fig, "xaxis", "tickfont").size
    scale_fonts(fig, 1.5)
    assert _font(fig, "").size == round(body * 1.5)
    assert _font(fig, "xaxis", "tickfont").size == round(tick * 1.5)
    assert all(a.font.size > 14 for a in fig.layout.annotations)


def test_count_axes_show_whole_numbers_with_separators_not_si_prefixes():
    counts = points().assign(value=[64_000.0, 70_000.0, 81_000.0, 90_000.0, 95_000.0, 97_000.0])
    assert spc_figure(counts, title="GP", unit="count").layout.yaxis.tickformat == ",d"
    assert spc_figure(points(), title="A&E", unit="percent").layout.yaxis.tickformat is None
    peers = pd.DataFrame({"org_code": ["A", "B"], "org_name": ["Ash", "Birch"], "value": [1, 2]})
    assert (
        peer_figure(peers, chosen="A", direction="increase", unit="count").layout.xaxis.tickformat
        == ",d"
    )
