"""Running the app, or one page of it, in AppTest; and reading back what it drew."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
from streamlit.testing.v1 import AppTest

from impact import PROJECT_ROOT
from impact.board import MetricAnswer, build_board
from impact.filters import FilterState, default_period
from impact.store import open_store
from impact.ui import context

DASHBOARD = str(PROJECT_ROOT / "dashboard.py")
VIEWS = PROJECT_ROOT / "views"
DEMO = PROJECT_ROOT / "data" / "demo"
#: The header of an observations extract, for uploads and dropped files.
OBS_HEADER = "metric_id,org_code,period_start,value,numerator,denominator\n"

#: A minimal entry point doing what dashboard.py does before a page runs (filters into the
#: board context), so a page is tested as the navigation runs it.
ENTRY = """
import streamlit as st
from impact.filters import parse_filters
from impact.ui import data
from impact.ui.context import BoardContext, set_context

data.refresh()
tree = data.org_tree()
months = data.months()
metric_ids = list(data.metric_names())
filters, notes = parse_filters(
    st.query_params.to_dict(), tree, months, metric_ids, data.org_months
)
set_context(BoardContext(tree, months, metric_ids, filters, notes))
page = st.navigation([st.Page({page!r}, title={title!r}, url_path={url!r})],
                     position="hidden")
page.run()
"""


def dashboard(timeout: int = 30, **params: str) -> AppTest:
    """The whole app (entry point, filters, navigation) on a URL with these parameters."""
    at = AppTest.from_file(DASHBOARD, default_timeout=timeout)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def through_entry(view: str, title: str, url: str, timeout: int = 60, **params: str) -> AppTest:
    """One page behind a minimal entry point that sets the filter context from the URL."""
    at = AppTest.from_string(
        ENTRY.format(page=str(VIEWS / view), title=title, url=url), default_timeout=timeout
    )
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def with_context(
    demo, view: str, org: str, *, start: date | None = None, end: date | None = None, **params: str
) -> AppTest:
    """One page run on its own, handed the filter context the entry point would give it."""
    store, tree, months = demo
    period_from, period_to = default_period(months)
    filters = FilterState(org, start or period_from, end or period_to)
    metric_ids = store.query("board_metrics")["metric_id"].tolist()
    at = AppTest.from_file(str(VIEWS / view), default_timeout=120)
    at.session_state[context._KEY] = context.BoardContext(tree, months, metric_ids, filters, [])
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown_and_html(at: AppTest) -> str:
    """Every markdown and HTML block the run drew, as one text."""
    parts = [m.value for m in at.markdown] + [h.proto.body for h in at.get("html")]
    return "\n".join(parts)


def frames(at: AppTest) -> pd.DataFrame:
    """Every table the run drew, stacked."""
    return pd.concat([d.value for d in at.dataframe], ignore_index=True)


def expected_answer(at: AppTest, org: str, metric: str = "ae_4hr_all") -> MetricAnswer | None:
    """The answer the shared code path gives for the period the app is showing."""
    f = at.session_state["_filters_state"]
    return build_board(open_store().query, org, f.period_from, f.period_to).answer(metric)


def page_texts(at: AppTest) -> str:
    """Markdown, notes, headings and captions the run drew, as one text."""
    parts = [m.value for m in at.markdown] + [i.value for i in at.info]
    parts += [h.value for h in at.header] + [h.value for h in at.subheader]
    parts += [c.value for c in at.caption]
    return "\n".join(str(p) for p in parts)


def demo_row(line_no: int = 1) -> list[str]:
    """A real line of the demo observations (metric, org, period, value ...)."""
    with (DEMO / "observations.csv").open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i == line_no:
                return line.rstrip("\n").split(",")
    raise AssertionError("demo observations too short")


_RANKED_ITEM = re.compile(
    r'<li data-rank="(\d+)" data-metric="(\w+)">(?:<strong>[^<]*</strong>: )?'
    r'<span class="question">(.*?)</span>'
)


def ranked_lists(at: AppTest) -> list[list[tuple[int, str, str]]]:
    """Each ranked questions list drawn, in order: (rank, metric id, question as escaped)."""
    return [
        [(int(rank), metric, text) for rank, metric, text in _RANKED_ITEM.findall(h.proto.body)]
        for h in at.get("html")
        if '<ol class="ranked-questions"' in h.proto.body
    ]
