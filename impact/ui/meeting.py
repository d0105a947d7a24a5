"""Meeting mode: the board's questions on a meeting-room screen, one priority at a time.

In the meeting the chair works from a shared screen, so the view drops everything that is
not the board's questions and answers: the sidebar and its controls are hidden, type and
charts are enlarged, and the priorities are stepped through with Previous/Next (buttons,
or the left and right arrow keys). Both the mode and the step live in the URL
(``?meeting=true&step=uec``), so the clerk can paste the link into the papers and the
screen reopens on the same priority. The answers are the board pages' own
(:func:`impact.ui.state.board`), so the meeting sees exactly what the papers said.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from impact import charts
from impact.board import MetricAnswer
from impact.filters import BOARD_PRIORITIES, PRIORITY_TITLES
from impact.ui import components as ui
from impact.ui import state as data
from impact.ui.context import get_context
from impact.ui.question_widgets import open_questions_beside

PAGE_TITLE = "Meeting mode"
#: URL parameters (also the widgets' keys): the toggle and the priority on screen.
MEETING_KEY = "meeting"
STEP_KEY = "step"
#: Values of ``?meeting=`` that switch meeting mode on (the toggle writes ``true``).
ON_VALUES = ("1", "true", "yes", "on")
#: Chart height on a meeting-room screen (the pages use 440) and how much larger its text is.
MEETING_CHART_HEIGHT = 600
MEETING_CHART_TEXT = 1.3
#: Button words. No arrow characters: Streamlit already draws each button's keyboard
#: shortcut (an arrow key) beside its label, and a second arrow read as a mistake.
PREVIOUS_LABEL = "Previous priority"
NEXT_LABEL = "Next priority"
KEYBOARD_HINT = "Keyboard: the left and right arrow keys step through the priorities."

#: Hides the sidebar, its toggle and Streamlit's toolbar; enlarges type for a far screen.
MEETING_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarCollapseButton"], [data-testid="collapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"], header[data-testid="stHeader"] {
  display: none !important;
}
.stMainBlockContainer, .block-container { max-width: 100% !important; padding-top: 1rem; }
.stMarkdown p, .stMarkdown li, .stText { font-size: 1.7rem !important; line-height: 1.45; }
h1 { font-size: 3rem !important; }
h2 { font-size: 2.5rem !important; }
h3 { font-size: 2.1rem !important; }
.icon-pair figcaption { font-size: 1.4rem !important; max-width: 22rem !important; }
.icon-pair svg { width: 72px !important; height: 72px !important; }
.stButton button p { font-size: 1.4rem !important; }
.stButton button kbd, .stButton button [data-testid="stButtonShortcut"] { font-size: 1.1rem; }
.stToggle label p, [data-testid="stToggle"] label p,
[data-testid="stCheckbox"] label p { font-size: 1.5rem !important; line-height: 1.4; }
.stToggle label, [data-testid="stCheckbox"] label { align-items: center; }
[data-testid="stMain"] [data-testid="stCheckbox"] label > div:not([data-testid]) {
  transform: scale(1.4); transform-origin: left center; margin-right: 1.4rem;
}
.open-board-questions, .open-board-questions li { font-size: 1.5rem; }
</style>
"""


def meeting_requested(params: Mapping[str, object]) -> bool:
    """Whether the URL asks for meeting mode (``?meeting=1`` or ``?meeting=true``)."""
    raw = params.get(MEETING_KEY)
    if isinstance(raw, list | tuple):
        raw = raw[-1] if raw else None
    return str(raw or "").strip().lower() in ON_VALUES


def apply_meeting_style() -> None:
    """Hide the sidebar and controls and enlarge type (the entry point may call this too)."""
    st.html(MEETING_CSS)


def _accept_short_url_form() -> None:
    """Let ``?meeting=1`` (as typed into papers) switch the bound toggle on, once."""
    if MEETING_KEY not in st.session_state and meeting_requested(st.query_params):
        st.session_state[MEETING_KEY] = True


def current_step(params: Mapping[str, object], steps: tuple[str, ...]) -> str:
    """The priority the URL puts on screen; the first one when absent or not known."""
    raw = params.get(STEP_KEY)
    if isinstance(raw, list | tuple):
        raw = raw[-1] if raw else None
    return raw if raw in steps else steps[0]  # type: ignore[return-value]


def _go_to(step: str) -> None:
    st.query_params[STEP_KEY] = step


def _metric(answer: MetricAnswer, org_code: str) -> None:
    m = answer.metric
    st.header(m.board_question)
    st.markdown(f"**{m.metric_name}** · {ui.latest_summary(answer)}{ui.stale_flag(answer)}")
    st.markdown(answer.answer)
    ui.icon_pair(answer)
    figure = charts.spc_figure(
        answer.points,
        title=m.metric_name,
        unit=m.unit,
        targets=answer.targets,
        events=answer.events,
        height=MEETING_CHART_HEIGHT,
    )
    ui.show_figure(charts.scale_fonts(figure, MEETING_CHART_TEXT), key=f"meeting-spc-{m.metric_id}")
    ui.question_list(answer.questions, empty=None)
    open_questions_beside(org_code, m.metric_id)
    st.divider()


def main() -> None:
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
    steps = BOARD_PRIORITIES
    priority = current_step(st.query_params, steps)
    if st.query_params.get(STEP_KEY) != priority:
        st.query_params[STEP_KEY] = priority
    index = steps.index(priority)
    previous, following = steps[max(index - 1, 0)], steps[min(index + 1, len(steps) - 1)]
    back, where, forward = st.columns([1, 3, 1])
    back.button(
        PREVIOUS_LABEL,
        key="meeting-previous",
        on_click=_go_to,
        args=(previous,),
        disabled=index == 0,
        shortcut="Left",
        help=f"Go back to {PRIORITY_TITLES[previous]}. {KEYBOARD_HINT}" if index else KEYBOARD_HINT,
    )
    where.markdown(
        f"**{ctx.org_name}** · {f.period_from:%b %Y} to {f.period_to:%b %Y} · "
        f"priority {index + 1} of {len(steps)}"
    )
    where.caption(KEYBOARD_HINT)
    forward.button(
        NEXT_LABEL,
        key="meeting-next",
        on_click=_go_to,
        args=(following,),
        disabled=index == len(steps) - 1,
        shortcut="Right",
        help=f"Go on to {PRIORITY_TITLES[following]}. {KEYBOARD_HINT}"
        if index < len(steps) - 1
        else KEYBOARD_HINT,
    )
    board = data.board(f.org_code, f.period_from, f.period_to)
    st.title(PRIORITY_TITLES[priority])
    answers = board.by_priority(priority)
    if not answers:
        st.markdown(f"No {PRIORITY_TITLES[priority].lower()} figures for {ctx.org_name}.")
    for answer in answers:
        _metric(answer, f.org_code)
    missing = board.missing_for(priority)
    if missing and answers:
        st.caption("No figures for: " + ", ".join(m.metric_name for m in missing) + ".")
    ui.questions_block(board, priority)
