"""A metric's target history, its events and the improvement projects aimed at it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact.board import MetricAnswer
from impact.ui.components.numbers import shown_value


def targets_table(answer: MetricAnswer) -> None:
    """The metric's target history: each target in the metric's unit, dated in words."""
    targets = answer.targets
    shown = pd.DataFrame(
        {
            "Target": [shown_value(v, answer.metric.unit) for v in targets["target_value"]],
            "From": pd.to_datetime(targets["effective_from"]).dt.date,
            "To": pd.to_datetime(targets["effective_to"]).dt.date,
            "Applies to": targets["scope"].astype("string").str.capitalize(),
            "Source": targets["source"],
        }
    )
    st.dataframe(
        shown,
        hide_index=True,
        placeholder="",
        column_config={
            "Target": st.column_config.TextColumn(alignment="right"),
            "From": st.column_config.DateColumn(format="D MMM YYYY"),
            "To": st.column_config.DateColumn(
                format="D MMM YYYY", help="Blank: the target is still in force."
            ),
        },
    )


def events_table(answer: MetricAnswer) -> None:
    """Events noted on the chart; a ticked box means the limits were recalculated there."""
    events = answer.events
    st.dataframe(
        pd.DataFrame(
            {
                "Date": pd.to_datetime(events["event_date"]).dt.date,
                "What changed": events["description"],
                "Limits recalculated": events["rebase"].astype(bool),
            }
        ),
        hide_index=True,
        placeholder="",
        column_config={
            "Date": st.column_config.DateColumn(format="D MMM YYYY"),
            "Limits recalculated": st.column_config.CheckboxColumn(),
        },
    )


#: Improvement project columns as the query names them → the table's headings.
PROJECT_HEADINGS = {
    "project_id": "Project",
    "title": "Title",
    "method": "Method",
    "status": "Status",
    "start_date": "Started",
    "end_date": "Ended",
    "lead": "Lead",
}


def projects_table(projects: pd.DataFrame) -> None:
    """Improvement projects aimed at a metric, with headings and status in words."""
    shown = projects.rename(columns=PROJECT_HEADINGS)
    if "Status" in shown:
        shown["Status"] = shown["Status"].astype("string").str.replace("_", " ").str.capitalize()
    st.dataframe(
        shown,
        hide_index=True,
        placeholder="",
        column_config={
            "Started": st.column_config.DateColumn(format="D MMM YYYY"),
            "Ended": st.column_config.DateColumn(format="D MMM YYYY"),
        },
    )
