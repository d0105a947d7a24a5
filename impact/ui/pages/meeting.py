"""Meeting mode: the summary on a meeting-room screen, then one priority at a time.

In the meeting the chair works from a shared screen, so the view drops everything that is
not the board's questions and answers: the sidebar and its controls are hidden, type and
charts are enlarged, and the room steps with Previous/Next (buttons, or the left and right
arrow keys) from the summary the overview opens with (the matrix and the questions to ask
first) through the priorities, one per step. Both the mode and the step live in the URL
(``?meeting=true&step=uec``), so the clerk can paste the link into the papers and the
screen reopens on the same priority. The answers are the board pages' own
(:func:`impact.ui.data.board`), so the meeting sees exactly what the papers said.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from impact.board import MetricAnswer, OrgBoard
from impact.calendar import span_short
from impact.priorities import BOARD_PRIORITIES, PRIORITY_TITLES
from impact.ui import data
from impact.ui.components.cards import heading_line, plan_and_rule_notes
from impact.ui.components.figures import show_figure, shown_spc_figure
from impact.ui.components.icon_pair import icon_pair
from impact.ui.components.matrix import first_screen
from impact.ui.components.question_log import open_questions_beside
from impact.ui.components.questions import questions_block
from impact.ui.context import BoardContext, get_context
from impact.ui.meeting_mode import MEETING_KEY, STEP_KEY, apply_meeting_style, meeting_requested

PAGE_TITLE = "Meeting mode"
#: The first step: the overview's summary (matrix, first questions, priorities in brief).
SUMMARY_STEP = "summary"
STEPS: tuple[str, ...] = (SUMMARY_STEP, *BOARD_PRIORITIES)
STEP_TITLES = {SUMMARY_STEP: "Summary", **PRIORITY_TITLES}
#: Chart height on a meeting-room screen (the pages use 440) and how much larger its text is.
MEETING_CHART_HEIGHT = 600
MEETING_CHART_TEXT = 1.3
#: Button words. No arrow characters: Streamlit already draws each button's keyboard
#: shortcut (an arrow key) beside its label, and a second arrow read as a mistake.
PREVIOUS_LABEL = "Previous step"
NEXT_LABEL = "Next step"
KEYBOARD_HINT = "Keyboard: the left and right arrow keys step through the summary and priorities."


def _accept_short_url_form() -> None:
    """Let ``?meeting=1`` (as typed into papers) switch the bound toggle on, once."""
    if MEETING_KEY not in st.session_state and meeting_requested(st.query_params):
        st.session_state[MEETING_KEY] = True


def current_step(params: Mapping[str, object], steps: tuple[str, ...]) -> str:
    """The step the URL puts on screen; the first one when absent or not known."""
    raw = params.get(STEP_KEY)
    if isinstance(raw, list | tuple):
        raw = raw[-1] if raw else None
    return raw if raw in steps else steps[0]  # type: ignore[return-value]


def _go_to(step: str) -> None:
    st.query_params[STEP_KEY] = step


def _metric(answer: MetricAnswer, ctx: BoardContext) -> None:
    m = answer.metric
    st.header(m.board_question)
    heading_line(answer)
    st.markdown(answer.answer)
    plan_and_rule_notes(answer)
    icon_pair(answer)
    figure = shown_spc_figure(
        answer, ctx.filters, height=MEETING_CHART_HEIGHT, text_scale=MEETING_CHART_TEXT
    )
    show_figure(figure, key=f"meeting-spc-{m.metric_id}")
    open_questions_beside(answer.org_code, m.metric_id)
    st.divider()


def _step_bar(ctx: BoardContext, steps: tuple[str, ...], index: int) -> None:
    """Previous and Next (buttons and arrow keys) around "organisation · period · step"."""
    f = ctx.filters
    previous, following = steps[max(index - 1, 0)], steps[min(index + 1, len(steps) - 1)]
    back, where, forward = st.columns([1, 3, 1])
    back.button(
        PREVIOUS_LABEL,
        key="meeting-previous",
        on_click=_go_to,
        args=(previous,),
        disabled=index == 0,
        shortcut="Left",
        help=f"Go back to {STEP_TITLES[previous]}. {KEYBOARD_HINT}" if index else KEYBOARD_HINT,
    )
    where.markdown(
        f"**{ctx.org_name}** · {span_short(f.period_from, f.period_to)} · "
        f"step {index + 1} of {len(steps)}"
    )
    where.caption(KEYBOARD_HINT)
    forward.button(
        NEXT_LABEL,
        key="meeting-next",
        on_click=_go_to,
        args=(following,),
        disabled=index == len(steps) - 1,
        shortcut="Right",
        help=f"Go on to {STEP_TITLES[following]}. {KEYBOARD_HINT}"
        if index < len(steps) - 1
        else KEYBOARD_HINT,
    )


def render() -> None:
    ctx = get_context()
    f = ctx.filters
    _accept_short_url_form()
    on = st.toggle(
        "Meeting mode (hides the menu and filters, enlarges everything)",
        key=MEETING_KEY,
        bind="query-params",
    )
    if on:
        apply_meeting_style()
    if not f.org_code:
        st.info("There are no organisations in the data yet. Add extracts on the Data page.")
        return
    step = current_step(st.query_params, STEPS)
    if st.query_params.get(STEP_KEY) != step:
        st.query_params[STEP_KEY] = step
    _step_bar(ctx, STEPS, STEPS.index(step))
    board = data.board(f.org_code, f.period_from, f.period_to)
    st.title(STEP_TITLES[step])
    if step == SUMMARY_STEP:
        first_screen(board, f, BOARD_PRIORITIES)
    else:
        _priority_step(board, ctx, step)


def _priority_step(board: OrgBoard, ctx: BoardContext, priority: str) -> None:
    """One priority: each metric's question, answer, icons and chart, then its questions.

    The questions are the priority page's own: the three most material, the rest behind
    "More questions", so the room discusses the same few the papers lead with.
    """
    answers = board.by_priority(priority)
    if not answers:
        st.markdown(f"No {PRIORITY_TITLES[priority].lower()} figures for {ctx.org_name}.")
    for answer in answers:
        _metric(answer, ctx)
    missing = board.missing_for(priority)
    if missing and answers:
        st.caption("No figures for: " + ", ".join(m.metric_name for m in missing) + ".")
    questions_block(board, priority)
