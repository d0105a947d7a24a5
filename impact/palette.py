"""The dashboard's colours, in one place, so charts, icons and pages agree.

Based on the NHS identity (NHS Blue #005EB8, dark blue #003087) and the Making Data Count
convention (common cause grey, improvement blue, concern orange, neutral purple). Each
colour that marks something on a white background has at least 3:1 contrast (WCAG 2.2
non-text contrast), and text colours at least 4.5:1; the MDC orange is darkened for that
reason. Colour is never the only signal: every point type and icon also has words.
"""

from __future__ import annotations

NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
NHS_WHITE = "#FFFFFF"
NHS_BLACK = "#212B32"
NHS_DARK_GREY = "#425563"
NHS_MID_GREY = "#768692"
NHS_PALE_GREY = "#E8EDEE"
NHS_RED = "#DA291C"
NHS_WARM_YELLOW = "#FFB81C"

#: Marker colour per SPC point type (the R package's ``point_type`` values).
POINT_TYPE_COLOURS: dict[str, str] = {
    "common_cause": NHS_MID_GREY,
    "special_cause_improvement": NHS_BLUE,
    "special_cause_concern": "#C85A00",
    "special_cause_neutral_high": "#330072",
    "special_cause_neutral_low": "#330072",
}
#: Words for each point type, shown in legends and hover text.
POINT_TYPE_LABELS: dict[str, str] = {
    "common_cause": "Common cause",
    "special_cause_improvement": "Special cause – improvement",
    "special_cause_concern": "Special cause – concern",
    "special_cause_neutral_high": "Special cause – neutral (high)",
    "special_cause_neutral_low": "Special cause – neutral (low)",
}

VALUE_LINE = NHS_MID_GREY
MEAN_LINE = NHS_BLACK
LIMIT_LINE = NHS_DARK_GREY
TARGET_LINE = NHS_RED
EVENT_LINE = NHS_DARK_BLUE
PEER_HIGHLIGHT = NHS_BLUE
PEER_OTHER = "#AEB7BD"
COMPARISON_LINES: tuple[str, ...] = (NHS_DARK_BLUE, "#007F3B", "#8A1538")
