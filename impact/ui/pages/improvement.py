"""Improvement activity: is our improvement effort aimed where the gaps are, and is it working?

The page reads the global filters, asks :mod:`impact.improvement` for the content and the
tables in words, and draws them. The project picker is in the URL like every other filter,
so a link in a board paper opens the same project.
"""

from __future__ import annotations

import streamlit as st

from impact import charts
from impact.calendar import month_short, span_short
from impact.filters import FilterState
from impact.improvement import (
    EFFECT_HEADLINES,
    MIN_POINTS_EACH_SIDE,
    ImprovementView,
    alignment_display,
    portfolio_breakdowns,
    portfolio_totals,
    project_list,
    scope_codes,
    start_marker,
    working_summary,
)
from impact.ui import data
from impact.ui.components.downloads import csv_download
from impact.ui.components.figures import show_figure
from impact.ui.components.questions import question_list
from impact.ui.context import get_context
from impact.ui.header import page_header

PAGE_TITLE = "Improvement activity"
#: The URL parameter holding the project shown under "Is it working?".
PROJECT_PARAM = "project"


def _portfolio_section(view: ImprovementView) -> None:
    st.header("What improvement work is under way?")
    totals = portfolio_totals(view.portfolio)
    a, b, c = st.columns(3)
    a.metric("Projects in the period", totals.projects)
    b.metric("Active now", totals.active)
    c.metric("PDSA cycles run", totals.cycles)
    breakdowns = portfolio_breakdowns(view.portfolio)
    for column, counts in zip(st.columns(len(breakdowns)), breakdowns.values(), strict=True):
        column.dataframe(counts, hide_index=True)
    shown = project_list(view.portfolio)
    st.subheader("Projects and their PDSA learning")
    st.dataframe(shown, hide_index=True)
    csv_download(
        shown,
        label="Download the project list (CSV)",
        file_name="improvement_projects.csv",
        key="download-projects",
    )


def _project_from_url(options: list[str], titles: dict[str, str]) -> str | None:
    """The project picker, kept in the URL (``project=``) so a link opens the same project.

    A project in the link that is not in this view (another organisation, another period,
    a typing slip) falls back to the first project with a note, never an error.
    """
    if not options:
        return None
    wanted = st.query_params.get(PROJECT_PARAM)
    if wanted and wanted not in options:
        st.info(
            f"The project “{wanted}” in the link is not among these projects, "
            "so the first one is shown.",
            icon=":material/info:",
        )
    chosen = st.selectbox(
        "Project to look at",
        options,
        index=options.index(wanted) if wanted in options else 0,
        format_func=lambda p: f"{titles.get(p, p)} ({p})",
        key=f"project-{'|'.join(options)}",
    )
    if chosen != wanted:
        st.query_params[PROJECT_PARAM] = chosen
    return chosen


def _working_section(view: ImprovementView, filters: FilterState) -> None:
    st.header("Is it working?")
    st.write(
        "For each project with a linked outcome measure: the measure for that organisation, "
        "with the limits re-based where the project began when there are at least "
        f"{MIN_POINTS_EACH_SIDE} points on each side. The chart shows what changed, not why."
    )
    projects = view.portfolio
    st.dataframe(working_summary(projects, view.answers), hide_index=True)
    options = projects["project_id"].tolist()
    titles = dict(zip(projects["project_id"], projects["title"], strict=True))
    chosen = _project_from_url(options, titles)
    if chosen not in titles:
        return
    row = projects[projects["project_id"] == chosen].iloc[0]
    answer = view.answers[chosen]
    st.subheader(f"{row['title']}: {answer.headline}")
    st.write(answer.sentence)
    st.markdown(f"**Question for the board:** {answer.question}")
    if answer.chart is not None and not answer.chart.empty:
        fig = data.figure(
            ("effect", filters.org_code, chosen, filters.period_from, filters.period_to),
            lambda: charts.spc_figure(
                answer.chart,
                title=f"{row['metric_name']}, {row['org_name'] or row['org_code']}",
                unit=row["unit"] if isinstance(row["unit"], str) else "",
                events=start_marker(answer, row["start_date"]),
            ),
        )
        show_figure(fig, key=f"effect-{chosen}")
    with st.expander("How this answer is worked out"):
        st.write(
            "Points from the first period starting on or after the project's start date count "
            "as *after*. The after points are judged against process limits calculated from "
            "the before points only, using the Making Data Count rules (a point beyond a limit, "
            "a run of 7 on one side of the mean, a trend of 7, or 2 of 3 near a limit). The "
            "chart then re-calculates the limits from the start so both processes are visible. "
            "A signal says the process changed around then; it cannot say the project caused it."
        )
        st.write(
            f"Points before: {answer.points_before}; points since: {answer.points_after}. "
            "Possible answers: " + "; ".join(EFFECT_HEADLINES.values()) + "."
        )


def _alignment_section(view: ImprovementView) -> None:
    st.header("Is our effort aimed at our biggest gaps?")
    st.write(
        "Each measure's assurance against its target (from its SPC chart) beside the number of "
        "active improvement projects aimed at it: failing measures with no work come first."
    )
    if view.alignment.empty:
        st.info("No measures with data or improvement projects in this scope and period.")
        return
    st.dataframe(alignment_display(view.alignment), hide_index=True)
    question_list(
        view.questions,
        empty="No gaps or mismatches between assurance and improvement effort in this view.",
    )


def render() -> None:
    """Draw the Improvement activity page for the global filters."""
    ctx = get_context()
    filters, tree = ctx.filters, ctx.tree
    scope = scope_codes(tree, filters.org_code) if filters.org_code else []
    within = " and the organisations within it" if len(scope) > 1 else ""
    period = span_short(filters.period_from, filters.period_to)
    page_header(
        PAGE_TITLE,
        ctx,
        caption=f"{ctx.org_name} ({filters.org_code}){within} · {period}",
        no_org="There are no organisations in the data yet.",
    )
    view = data.improvement(filters)
    if view.projects.empty:
        st.info(
            f"No improvement projects for {ctx.org_name} were running between "
            f"{month_short(filters.period_from)} and {month_short(filters.period_to)}."
        )
    else:
        _portfolio_section(view)
        _working_section(view, filters)
    _alignment_section(view)
