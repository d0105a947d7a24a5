"""Plotly figures (and the sparkline SVG) for the board pages and the board pack.

Plain functions of DataFrames, free of Streamlit, so each figure can be tested trace by
trace (an app test cannot see inside a chart) and reused by the pack. One file per chart:
``spc_chart`` (the XmR chart), ``events`` (its rebase and event lines), ``peers``,
``comparison``, ``trend``, ``sparkline``; ``theme`` holds the NHS look they share.
"""

from impact.charts.comparison import comparison_figure
from impact.charts.events import rebase_dates
from impact.charts.peers import PEER_VALUE_GAP, PEER_VALUE_HEADING, peer_figure, rank_peers
from impact.charts.sparkline import sparkline_label, sparkline_svg
from impact.charts.spc_chart import RULE_WORDS, rule_words, spc_figure, target_segments
from impact.charts.theme import (
    FONT,
    FONT_FAMILY,
    NHS_TEMPLATE,
    NOTE_FONT_SIZE,
    TICK_FONT,
    TITLE_FONT,
    nhs_figure,
    scale_fonts,
    tick_format,
)
from impact.charts.trend import trend_figure

__all__ = [
    "FONT",
    "FONT_FAMILY",
    "NHS_TEMPLATE",
    "NOTE_FONT_SIZE",
    "PEER_VALUE_GAP",
    "PEER_VALUE_HEADING",
    "RULE_WORDS",
    "TICK_FONT",
    "TITLE_FONT",
    "comparison_figure",
    "nhs_figure",
    "peer_figure",
    "rank_peers",
    "rebase_dates",
    "rule_words",
    "scale_fonts",
    "sparkline_label",
    "sparkline_svg",
    "spc_figure",
    "target_segments",
    "tick_format",
    "trend_figure",
]
