"""Charts on a page: the SPC chart, the peer comparison and the ICB-and-region comparison.

The figures are built by :mod:`impact.charts`; the peer and comparison figures come from
:mod:`impact.ui.data` (and so from single queries in :mod:`impact.board.peers`).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from impact import charts
from impact.board import MetricAnswer
from impact.filters import FilterState
from impact.orgs import OrgTree
from impact.ui import data


def show_figure(fig: go.Figure, *, key: str) -> None:
    """Draw a figure in its own NHS look (:data:`impact.charts.NHS_TEMPLATE`).

    ``theme=None`` because Streamlit's default chart theme would otherwise replace the
    figure's Arial and sizes with its own smaller font.
    """
    st.plotly_chart(fig, key=key, theme=None)


def metric_spc_figure(answer: MetricAnswer, *, height: int = 440) -> go.Figure:
    """The metric's XmR chart with its targets and events."""
    m = answer.metric
    return charts.spc_figure(
        answer.points,
        title=m.metric_name,
        unit=m.unit,
        targets=answer.targets,
        events=answer.events,
        height=height,
    )


def spc_chart(answer: MetricAnswer, *, key: str) -> None:
    show_figure(metric_spc_figure(answer), key=key)


def peer_comparison(answer: MetricAnswer, state: FilterState, tree: OrgTree) -> pd.DataFrame:
    """Ranked latest values of the organisations in scope, the chosen one highlighted."""
    m = answer.metric
    frame = data.peers(answer, state, tree)
    if len(frame) < 2:
        st.markdown("No peer organisations with this metric to compare with.")
        return frame
    show_figure(
        charts.peer_figure(
            frame,
            chosen=answer.org_code,
            direction=m.direction,
            unit=m.unit,
            target=answer.target,
            title=f"Peers: latest {m.metric_name}",
        ),
        key=f"peers-{m.metric_id}",
    )
    return frame


def comparison_chart(answer: MetricAnswer, state: FilterState, tree: OrgTree) -> pd.DataFrame:
    """The organisation beside its ICB and region over the period (when asked for)."""
    m = answer.metric
    result = data.compared(answer, state, tree)
    if len(result.shown) < 2:
        st.markdown("Its ICB and region have no figures for this metric to compare with.")
    else:
        show_figure(
            charts.comparison_figure(result.shown, title=f"{m.metric_name}: compared", unit=m.unit),
            key=f"compare-{m.metric_id}",
        )
    return result.frame
