"""Entry point: ``streamlit run dashboard.py``.

Sets up the NHS look, the navigation and the global filters. The filters are drawn here,
in the sidebar, before the page runs, so they persist across page switches and live in
the URL (pasting a link reproduces the view). Pages live in ``views/`` rather than
``pages/``: with ``st.navigation`` a folder named ``pages/`` makes Streamlit fall back to
its legacy multipage mode, which skips this entry point after the first run and loses
filter state.
"""

import streamlit as st

from impact import PROJECT_ROOT
from impact.ui import data, timing
from impact.ui.access import gate
from impact.ui.components.stamp import url_notes
from impact.ui.context import BoardContext, set_context
from impact.ui.filters import draw_filters
from impact.ui.live import watch_for_new_data
from impact.ui.meeting_mode import apply_meeting_style, meeting_requested
from impact.ui.style import APP_TITLE, apply_style, header

run_started = timing.start()
st.set_page_config(
    page_title=APP_TITLE,
    # A file shipped with the app: a ":material/…:" icon is fetched from an outside server.
    page_icon=str(PROJECT_ROOT / "impact" / "ui" / "app_icon.png"),
    layout="wide",
    initial_sidebar_state="expanded",
)
apply_style()
access = gate()  # with sign-in on, nothing below runs for someone not signed in and listed
data.refresh()
watch_for_new_data()
if meeting_requested(st.query_params):
    apply_meeting_style()

PAGES = [
    st.Page("views/overview.py", title="Board overview", icon=":material/dashboard:", default=True),
    st.Page(
        "views/elective.py",
        title="Elective care",
        icon=":material/event_available:",
        url_path="elective",
    ),
    st.Page(
        "views/uec.py", title="Urgent & emergency care", icon=":material/emergency:", url_path="uec"
    ),
    st.Page(
        "views/primary_care.py",
        title="Primary care",
        icon=":material/stethoscope:",
        url_path="primary-care",
    ),
    st.Page(
        "views/metric_detail.py",
        title="Metric detail",
        icon=":material/query_stats:",
        url_path="metric-detail",
    ),
    st.Page(
        "views/league.py",
        title="Where do we stand?",
        icon=":material/leaderboard:",
        url_path="league",
    ),
    st.Page(
        "views/improvement.py",
        title="Improvement activity",
        icon=":material/trending_up:",
        url_path="improvement",
    ),
    st.Page(
        "views/capability.py",
        title="NHS IMPACT capability",
        icon=":material/school:",
        url_path="capability",
    ),
    st.Page(
        "views/meeting.py", title="Meeting mode", icon=":material/co_present:", url_path="meeting"
    ),
    st.Page(
        "views/questions.py",
        title="Board question log",
        icon=":material/question_answer:",
        url_path="questions",
    ),
    st.Page("views/data.py", title="Data", icon=":material/database:", url_path="data"),
]

if access.signed_in and access.can_audit:
    PAGES.append(
        st.Page("views/audit.py", title="Audit log", icon=":material/policy:", url_path="audit")
    )

page = st.navigation(PAGES)
tree = data.org_tree()
months = data.months()
metric_ids = list(data.metric_names())
filters, notes = draw_filters(
    tree, months, metric_ids, data.scoped_tree() if access.signed_in else None
)
set_context(BoardContext(tree, months, metric_ids, filters, notes))
header(tree.name(filters.org_code) if filters.org_code else None)
url_notes(notes)
with timing.logged(run_started, page.title):
    page.run()
