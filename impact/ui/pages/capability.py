"""NHS IMPACT capability: where the organisation stands on the five components, and its capacity.

The page reads the global filters, asks :mod:`impact.capability` for the content and its
tables in words, and draws them. The peer group follows the global ``peers`` filter (same
parent or same region).
"""

from __future__ import annotations

import streamlit as st

from impact import charts
from impact.capability import (
    CAPACITY_MEASURES,
    MIN_SPC_POINTS,
    CapabilityView,
    capacity_table,
    month_or_dash,
    peer_scope_words,
    peer_scores_table,
    score_or_dash,
    self_assessment_table,
)
from impact.orgs import OrgTree
from impact.ui import data
from impact.ui.components.figures import show_figure
from impact.ui.components.questions import question_list
from impact.ui.context import get_context
from impact.ui.header import as_at_caption, page_header

PAGE_TITLE = "NHS IMPACT capability"
#: The URL parameter holding the capacity measure on the chart.
MEASURE_PARAM = "capacity"


def _self_assessment_section(view: CapabilityView, org_name: str, tree: OrgTree) -> None:
    st.header("Where do we stand on the five NHS IMPACT components?")
    if not view.assessed:
        st.info(
            f"There is no NHS IMPACT self-assessment for {org_name} up to the end of the chosen "
            "period, so scores and changes cannot be shown. Peers' scores follow where they "
            "have them."
        )
    else:
        latest = view.latest
        when = month_or_dash(latest["assessment_date"].max())
        st.write(f"Latest self-assessment: {when}. Scores run from 1 (lowest) to 5 (highest).")
        st.dataframe(self_assessment_table(latest, view.peers), hide_index=True)
        with st.expander("Evidence behind the latest scores"):
            for row in latest.itertuples():
                evidence = row.evidence if isinstance(row.evidence, str) else "No evidence given."
                st.markdown(f"**{row.title}** ({score_or_dash(row.score)}): {evidence}")
    if len(view.peer_scores):
        st.subheader("Compared with peers")
        st.dataframe(peer_scores_table(view.peer_scores, view.org_code, tree.name), hide_index=True)
    else:
        st.write("None of the peer organisations has a self-assessment in these data.")


def _measure_from_url() -> str:
    """The capacity measure picker, kept in the URL (``capacity=``) like every other choice."""
    options = list(CAPACITY_MEASURES)
    wanted = st.query_params.get(MEASURE_PARAM)
    if wanted and wanted not in options:
        st.info(
            f"The measure “{wanted}” in the link is not known, so the first one is shown.",
            icon=":material/info:",
        )
    measure = st.radio(
        "Measure",
        options,
        index=options.index(wanted) if wanted in options else 0,
        format_func=CAPACITY_MEASURES.get,
        key="capacity-measure",
        horizontal=True,
    )
    if measure != wanted:
        st.query_params[MEASURE_PARAM] = measure
    return measure


def _capacity_section(view: CapabilityView, org_name: str) -> None:
    st.header("Are we building improvement capability and capacity?")
    capacity = view.capacity
    if capacity.empty:
        st.info(f"There are no capability and capacity figures for {org_name} in this period.")
        return
    latest = capacity.iloc[-1]
    a, b, c = st.columns(3)
    a.metric("Staff trained, % of headcount", f"{latest['trained_any_pct']:.1f}%")
    b.metric("Improvement coaches", f"{int(latest['improvement_coaches']):,}")
    c.metric("Headcount", f"{int(latest['headcount']):,}")
    st.caption(f"Latest figures: {month_or_dash(latest['period_start'])}.")
    measure = _measure_from_url()
    title = CAPACITY_MEASURES[measure]
    points = view.capacity_charts.get(measure)
    if points is not None:
        show_figure(
            charts.spc_figure(points, title=title, unit="percent" if "pct" in measure else ""),
            key=f"capacity-{measure}",
        )
    else:
        st.write(
            f"{len(capacity)} points in this period: at least {MIN_SPC_POINTS} are needed for "
            "SPC limits, so this is the plain trend."
        )
        show_figure(
            charts.trend_figure(capacity, x="period_start", y=measure, title=title),
            key=f"trend-{measure}",
        )
    with st.expander("The figures by period"):
        st.dataframe(capacity_table(capacity), hide_index=True)


def render() -> None:
    """Draw the NHS IMPACT capability page for the global filters."""
    ctx = get_context()
    filters, tree = ctx.filters, ctx.tree
    page_header(
        PAGE_TITLE,
        ctx,
        caption=f"{as_at_caption(ctx)} · peers: {peer_scope_words(filters.peers)}",
        no_org="There are no organisations in the data yet.",
    )
    view = data.capability(filters)
    _self_assessment_section(view, ctx.org_name, tree)
    _capacity_section(view, ctx.org_name)
    question_list(
        view.questions,
        empty="Nothing in the self-assessment or capacity figures raises a question here.",
        header=True,
    )
