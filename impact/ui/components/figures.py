"""Charts on a page: the SPC chart, the peer comparison and the ICB-and-region comparison.

The figures are built by :mod:`impact.charts`; the peer and comparison figures come from
:mod:`impact.ui.data` (and so from single queries in :mod:`impact.board.peers`). Each is
built once per data version and what it shows (:func:`impact.ui.data.figure`), so a
rerun that changes nothing builds nothing.
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


def shown_spc_figure(
    answer: MetricAnswer, state: FilterState, *, height: int = 440, text_scale: float = 1.0
) -> go.Figure:
    """The metric's SPC chart for the filters' period, built once (shared: do not change it).

    ``text_scale`` enlarges every text (the meeting-room screen).
    """

    def build() -> go.Figure:
        fig = metric_spc_figure(answer, height=height)
        return charts.scale_fonts(fig, text_scale) if text_scale != 1.0 else fig

    key = ("spc", *_shown(answer, state), height, text_scale)
    return data.figure(key, build)


def _shown(answer: MetricAnswer, state: FilterState) -> tuple[str, str, object, object]:
    """What a metric's figure depends on: organisation, metric and the filters' period."""
    return (answer.org_code, answer.metric.metric_id, state.period_from, state.period_to)


def spc_chart(answer: MetricAnswer, state: FilterState, *, key: str) -> None:
    show_figure(shown_spc_figure(answer, state), key=key)


def peer_comparison(answer: MetricAnswer, state: FilterState, tree: OrgTree) -> pd.DataFrame:
    """Ranked latest figures of like organisations in scope, the chosen one highlighted.

    Counts with a natural denominator are drawn as rates (the count in the hover), with
    no target line, since the target is a count; the sentence above the chart names the
    peer group and its size, or says there is no like organisation to compare with.
    """
    m = answer.metric
    result = data.peers(answer, state, tree)
    sentence = result.sentence()
    st.markdown(sentence)
    if not result.comparable:
        return result.frame
    rate = result.rate
    what = f"{m.metric_name} {rate.label}" if rate else m.metric_name

    def build() -> go.Figure:
        return charts.peer_figure(
            result.frame,
            chosen=answer.org_code,
            direction=m.direction,
            unit="rate" if rate else m.unit,
            target=None if rate else answer.target,
            title=f"Peers: latest {what}<br><sup>{sentence}</sup>",
            axis_title=rate.label if rate else None,
        )

    figure = data.figure(("peers", *_shown(answer, state), state.peers), build)
    show_figure(figure, key=f"peers-{m.metric_id}")
    return result.frame


def comparison_chart(answer: MetricAnswer, state: FilterState, tree: OrgTree) -> pd.DataFrame:
    """The organisation beside its ICB and region over the period (when asked for)."""
    m = answer.metric
    result = data.compared(answer, state, tree)
    if len(result.shown) < 2:
        st.markdown("Its ICB and region have no figures for this metric to compare with.")
    else:
        figure = data.figure(
            ("compare", *_shown(answer, state)),
            lambda: charts.comparison_figure(
                result.shown, title=f"{m.metric_name}: compared", unit=m.unit
            ),
        )
        show_figure(figure, key=f"compare-{m.metric_id}")
    return result.frame
