"""A metric's target history, its events and the improvement projects aimed at it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact.board import MetricAnswer
from impact.ui.components.numbers import shown_value

#: Dates in these tables, as board papers write them: ``5 Mar 2024``.
DAY = "D MMM YYYY"


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
    if "rule_text" in targets and (targets["rule_text"] != "").any():
        shown.insert(1, "How it is set", targets["rule_text"].to_numpy())
    _draw(
        shown,
        {
            "Target": st.column_config.TextColumn(alignment="right"),
            "From": st.column_config.DateColumn(format=DAY),
            "To": st.column_config.DateColumn(
                format=DAY, help="Blank: the target is still in force."
            ),
        },
    )


def events_table(answer: MetricAnswer) -> None:
    """Events noted on the chart; a ticked box means the limits were recalculated there."""
    events = answer.events
    _draw(
        pd.DataFrame(
            {
                "Date": pd.to_datetime(events["event_date"]).dt.date,
                "What changed": events["description"],
                "Limits recalculated": events["rebase"].astype(bool),
            }
        ),
        {
            "Date": st.column_config.DateColumn(format=DAY),
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
    _draw(
        shown,
        {
            "Started": st.column_config.DateColumn(format=DAY),
            "Ended": st.column_config.DateColumn(format=DAY),
        },
    )


def _draw(shown: pd.DataFrame, column_config: dict[str, object]) -> None:
    """A table with no index, blank cells for missing values and these column settings."""
    st.dataframe(shown, hide_index=True, placeholder="", column_config=column_config)
