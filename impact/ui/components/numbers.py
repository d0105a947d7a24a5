"""The numbers behind a metric's chart: as downloaded (full precision) and as shown (in words)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact import charts, palette
from impact.board import MetricAnswer
from impact.units import format_value


def numbers_frame(answer: MetricAnswer) -> pd.DataFrame:
    """The numbers behind a metric's SPC chart, as downloaded: full precision, raw codes.

    An analyst re-plotting the chart needs the unrounded mean and limits and the SPC
    engine's codes; ``point_type_label`` carries the same point type in the words the
    chart's legend uses.
    """
    frame = answer.points.copy()
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    frame.insert(0, "metric_id", answer.metric.metric_id)
    frame.insert(1, "org_code", answer.org_code)
    if "point_type" in frame:
        at = frame.columns.get_loc("point_type") + 1
        frame.insert(at, "point_type_label", frame["point_type"].map(point_type_words))
    return frame


def point_type_words(code: object) -> str:
    """``special_cause_concern`` → ``Special cause – concern`` (the chart legend's words)."""
    if code is None or pd.isna(code):
        return ""
    return palette.POINT_TYPE_LABELS.get(str(code), str(code).replace("_", " ").capitalize())


def shown_value(value: object, unit: str) -> str:
    """A number as the board reads it (:func:`format_value`); blank when there is none."""
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return ""
    return format_value(value, unit)


#: The numbers table's number columns: (heading, column of the SPC points).
NUMBERS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Value", "value"),
    ("Numerator", "numerator"),
    ("Denominator", "denominator"),
    ("Mean", "mean"),
    ("Lower process limit", "lpl"),
    ("Upper process limit", "upl"),
    ("Target", "target"),
)


def numbers_display(answer: MetricAnswer) -> pd.DataFrame:
    """The numbers behind the chart as a board reads them: words, not codes; rounded.

    Values, mean, limits and target are written as on the chart (one decimal for a
    percentage, thousands separators for counts); numerators and denominators are counts;
    a missing number is a blank cell. The full-precision numbers are in the CSV download.
    """
    points = answer.points
    unit = answer.metric.unit
    shown = pd.DataFrame({"Period": pd.to_datetime(points["period_start"]).dt.date})
    for heading, column in NUMBERS_COLUMNS:
        if column not in points or points[column].isna().all():
            continue  # e.g. no numerator for a metric reported as a single figure
        column_unit = "count" if column in ("numerator", "denominator") else unit
        shown[heading] = [shown_value(v, column_unit) for v in points[column]]
    if "point_type" in points:
        shown["Point type"] = [point_type_words(v) for v in points["point_type"]]
    if "special_cause_type" in points:
        shown["Rule"] = [charts.rule_words(v) for v in points["special_cause_type"]]
    if "rebase_group" in points:
        shown["Limits group"] = [
            "" if pd.isna(g) else str(int(g) + 1) for g in points["rebase_group"]
        ]
    return shown


def numbers_table(answer: MetricAnswer) -> None:
    """The numbers behind a metric's chart, in board words (see :func:`numbers_display`)."""
    shown = numbers_display(answer)
    right = st.column_config.TextColumn(alignment="right")
    st.dataframe(
        shown,
        hide_index=True,
        placeholder="",
        column_config={
            "Period": st.column_config.DateColumn("Period", format="MMM YYYY"),
            **{heading: right for heading, _ in NUMBERS_COLUMNS},
            "Limits group": st.column_config.TextColumn(
                "Limits group",
                alignment="right",
                help="Limits are recalculated after a change in the process; each group has "
                "its own mean and limits.",
            ),
        },
    )
