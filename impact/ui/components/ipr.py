"""The integrated performance report summary table: one row per metric, each opening its detail.

Its CSV download carries each metric's icon names beside their words, and the icons it
names can be downloaded as SVG files (one zip), so a board paper can show the same icons.
"""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import streamlit as st

from impact.board import MetricAnswer, OrgBoard, ipr_rows
from impact.filters import FilterState
from impact.spc import (
    ASSURANCE_SHORT,
    NO_TARGET,
    NO_VARIATION_SHORT,
    VARIATION_SHORT,
    icons,
)
from impact.ui.components.cards import METRIC_DETAIL_URL
from impact.ui.components.downloads import csv_download

#: The CSV download's columns: the table's figures, the icons' words and the icons' names
#: (each name is the icon's file in the SVG zip: ``variation/<name>.svg``).
CSV_COLUMNS = [
    "priority",
    "metric",
    "latest_period",
    "latest",
    "target",
    "plan",
    "plan_variance",
    "plan_name",
    "mean",
    "lpl",
    "upl",
    "variation",
    "variation_icon",
    "assurance",
    "assurance_icon",
    "stale",
]


def detail_url(state: FilterState, metric_id: str) -> str:
    """The metric detail page's address, keeping every filter."""
    return f"{METRIC_DETAIL_URL}?{state.query_string(metric=metric_id)}"


def short_variation(answer: MetricAnswer) -> str:
    icon = answer.variation_icon
    return VARIATION_SHORT[icons.variation_name(icon)] if icon else NO_VARIATION_SHORT


def short_assurance(answer: MetricAnswer) -> str:
    kind = answer.assurance
    return ASSURANCE_SHORT[icons.assurance_name(kind)] if kind else NO_TARGET.short


def ipr_frame(board: OrgBoard, state: FilterState, priority: str | None = None) -> pd.DataFrame:
    """The summary rows with what the table shows: short icon words, limits, detail link.

    The full variation and assurance sentences stay in the frame (``variation``,
    ``assurance``) for anyone reading the data; the table shows the short words so that the
    metric's name, the numbers and the trend fit a 1600-pixel screen without scrolling.
    """
    rows = ipr_rows(board, priority)
    if rows.empty:
        return rows
    answers = [board.answer(m) for m in rows["metric_id"]]
    rows["variation_short"] = [short_variation(a) for a in answers if a is not None]
    rows["assurance_short"] = [short_assurance(a) for a in answers if a is not None]
    rows["limits"] = [f"{lpl} to {upl}" for lpl, upl in zip(rows["lpl"], rows["upl"], strict=True)]
    rows["variation_icon"] = [
        icons.variation_name(a.variation_icon) if a and a.variation_icon else "" for a in answers
    ]
    rows["assurance_icon"] = [
        icons.assurance_name(a.assurance) if a and a.assurance else "" for a in answers
    ]
    rows["open"] = [detail_url(state, m) for m in rows["metric_id"]]
    return rows


def icons_zip(rows: pd.DataFrame) -> bytes:
    """The SVG of every icon the rows name, as ``variation/<name>.svg`` and ``assurance/…``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(set(rows["variation_icon"]) - {""}):
            archive.writestr(f"variation/{name}.svg", icons.variation_icon_svg(name))
        for name in sorted(set(rows["assurance_icon"]) - {""}):
            archive.writestr(f"assurance/{name}.svg", icons.assurance_icon_svg(name))
    return buffer.getvalue()


def ipr_downloads(rows: pd.DataFrame, org_code: str) -> None:
    """The summary as CSV (with the icons' names) and the icons it names as SVG."""
    left, right = st.columns(2)
    with left:
        csv_download(
            rows[CSV_COLUMNS],
            label="Download the summary (CSV, with icon names)",
            file_name=f"ipr-summary-{org_code}.csv",
            key="ipr-csv",
        )
    with right:
        st.download_button(
            "Download the icons (SVG files, zip)",
            data=icons_zip(rows),
            file_name=f"ipr-icons-{org_code}.zip",
            mime="application/zip",
            key="ipr-icons",
            icon=":material/download:",
            on_click="ignore",
        )


#: Streamlit's table geometry (header and row height, pixels), to size a table to its rows.
TABLE_HEADER_PX = 35
TABLE_ROW_PX = 35


def ipr_table(board: OrgBoard, state: FilterState, priority: str | None = None) -> None:
    """The integrated performance report summary; each row links to the metric detail.

    Widths are set so the whole table fits the main column at 1600 pixels with the sidebar
    open: the metric's name in full, and the trend and detail link without scrolling.
    """
    rows = ipr_frame(board, state, priority)
    if rows.empty:
        st.markdown("No metrics with data for this organisation and period.")
        return
    planned = bool((rows["plan_name"] != "").any())
    order = ["metric", "latest", "target", *(["plan", "plan_variance"] if planned else [])]
    order += ["mean", "limits", "variation_short"]
    order += ["assurance_short", *(["stale"] if rows["stale"].astype(bool).any() else [])]
    order += ["trend", "open"]
    st.dataframe(
        rows,
        hide_index=True,
        height=TABLE_HEADER_PX + TABLE_ROW_PX * len(rows) + 3,  # every row, no inner scroll
        column_order=order,
        column_config={
            "metric": st.column_config.TextColumn("Metric", width=200 if planned else 316),
            "latest": st.column_config.TextColumn("Latest", width=68, alignment="right"),
            "target": st.column_config.TextColumn("Target", width=62, alignment="right"),
            "plan": st.column_config.TextColumn(
                "Plan",
                width=56,
                alignment="right",
                help="The operating plan's value for the latest month.",
            ),
            "plan_variance": st.column_config.TextColumn(
                "vs plan",
                width=92,
                alignment="right",
                help="The latest value less the plan (points for a percentage).",
            ),
            "mean": st.column_config.TextColumn("Mean", width=68, alignment="right"),
            "limits": st.column_config.TextColumn(
                "Process limits",
                width=124,
                help="The lower and upper process limits: the range the process varies within.",
            ),
            "variation_short": st.column_config.TextColumn(
                "Variation",
                width=124,
                help="Making Data Count variation of the latest point (in full on each card).",
            ),
            "assurance_short": st.column_config.TextColumn(
                "Assurance",
                width=96,
                help="Whether the target will be met (in full on each card).",
            ),
            "stale": st.column_config.TextColumn("Data", width=60),
            "trend": st.column_config.LineChartColumn("Trend", width=96),
            "open": st.column_config.LinkColumn("Detail", display_text="Open", width=60),
        },
    )
    ipr_downloads(rows, board.org_code)
