"""A metric as its board question, answered: the overview's card, its heading line, its link."""

from __future__ import annotations

from html import escape

import streamlit as st

from impact import charts
from impact.board import MetricAnswer
from impact.board.plans import plan_caption
from impact.calendar import month_short
from impact.filters import FilterState
from impact.spc import icons
from impact.ui.components.icon_pair import icon_pair
from impact.ui.components.outlook import outlook_lines
from impact.units import format_value

METRIC_DETAIL_PAGE = "views/metric_detail.py"
METRIC_DETAIL_URL = "metric-detail"


def stale_flag(answer: MetricAnswer) -> str:
    return " · **Stale data**" if answer.stale else ""


def latest_summary(answer: MetricAnswer) -> str:
    """``Latest Sep 2026: 72% (target 82%)`` for a heading line."""
    when = month_short(answer.latest_period) if answer.latest_period else ""
    target = f" (target {answer.target_text})" if answer.target is not None else ""
    return f"Latest {when}: {format_value(answer.latest_value, answer.metric.unit)}{target}"


def heading_line(answer: MetricAnswer) -> None:
    """The metric's name, latest value against target and stale flag, under its question."""
    st.markdown(f"**{answer.metric.metric_name}** · {latest_summary(answer)}{stale_flag(answer)}")


def plan_and_rule_notes(answer: MetricAnswer) -> None:
    """Under the answer (never merged into it): the plan sentence and which plan it is, and
    how a relative target was worked out."""
    if answer.plan_text:
        st.markdown(answer.plan_text)
        st.caption(f"Plan: {plan_caption(answer)}")
    if answer.target_rule_text:
        st.caption(f"Target {answer.target_text}: {answer.target_rule_text}")


def detail_params(state: FilterState, metric_id: str) -> dict[str, str]:
    return {**state.to_params(), "metric": metric_id}


def detail_link(answer: MetricAnswer, state: FilterState) -> None:
    """A link to the metric's detail page, keeping every filter."""
    m = answer.metric
    st.page_link(
        METRIC_DETAIL_PAGE,
        label=f"Open the detail for {m.metric_name}",
        icon=":material/arrow_forward:",
        query_params=detail_params(state, m.metric_id),
    )


def metric_card(answer: MetricAnswer, state: FilterState, *, spark: bool = True) -> None:
    """One metric as its board question, answered (the overview's unit)."""
    m = answer.metric
    with st.container(border=True):
        st.subheader(m.board_question)
        left, right = st.columns([3, 2])
        with left:
            st.markdown(answer.answer)
            plan_and_rule_notes(answer)
            icon_pair(answer)
            outlook_lines(answer)
        with right:
            target = f" · target {answer.target_text}" if answer.target is not None else ""
            when = month_short(answer.latest_period) if answer.latest_period else ""
            st.markdown(
                f"**{m.metric_name}**  \nLatest ({when}): **{answer.latest_text}**{target}"
                f"{stale_flag(answer)}"
            )
            if spark:
                _sparkline(answer)
        detail_link(answer, state)


def _sparkline(answer: MetricAnswer) -> None:
    unit = answer.metric.unit
    svg = charts.sparkline_svg(answer.points, unit=unit)
    label = escape(charts.sparkline_label(answer.points, unit=unit), quote=True)
    if svg:
        st.html(f'<img src="{icons.icon_data_uri(svg)}" alt="{label}" width="240" height="56">')
