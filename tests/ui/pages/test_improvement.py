"""The Improvement activity page on the demo data, handed the context the entry point gives.

The cases are found in the demo data rather than named, so they keep working when the demo
set is regenerated.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from impact.filters import default_period, period_end
from impact.improvement import MIN_POINTS_EACH_SIDE, first_period_after
from tests.ui.apps import page_texts as texts
from tests.ui.apps import with_context


def projects(demo) -> pd.DataFrame:
    store = demo[0]
    return store.query(
        "improvement_projects",
        org_codes=store.query("board_org_tree")["org_code"].tolist(),
        period_from=date(1900, 1, 1),
        period_to=date(2100, 1, 1),
    )


def test_improvement_page_changes_with_the_organisation(demo):
    all_projects = projects(demo)
    counts = all_projects[all_projects["org_code"].str.len() > 3]["org_code"].value_counts()
    first, second = counts.index[:2]
    shown = {}
    for org in (first, second):
        at = with_context(demo, "improvement.py", org)
        assert at.title[0].value == "Improvement activity"
        headers = [h.value for h in at.header]
        assert "Is it working?" in headers
        assert "Is our effort aimed at our biggest gaps?" in headers
        table = at.dataframe[3].value  # the project list, after the three count tables
        shown[org] = set(table["Project"])
        wanted = set(all_projects.loc[all_projects["org_code"] == org, "title"])
        assert shown[org] <= wanted and shown[org]
    assert shown[first] != shown[second]


def test_project_without_a_linked_metric_is_answered_in_words(demo):
    unlinked = projects(demo)
    unlinked = unlinked[unlinked["metric_id"].isna()]
    if unlinked.empty:
        pytest.skip("the demo data has no project without a linked metric")
    row = unlinked.iloc[0]
    at = with_context(demo, "improvement.py", row["org_code"], project=row["project_id"])
    body = texts(at)
    assert "No outcome measure linked" in body
    assert "names no outcome metric" in body
    assert "Which outcome measure would show whether this project is working?" in body


def test_project_with_too_few_points_says_so(demo):
    store, _tree, months = demo
    _period_from, period_to = default_period(months)
    linked = projects(demo).dropna(subset=["metric_id"])
    obs = store.query(
        "improvement_observations",
        org_codes=linked["org_code"].unique().tolist(),
        metric_ids=linked["metric_id"].unique().tolist(),
        period_to=period_end(period_to),
    )
    for row in linked.itertuples():
        series = obs[(obs["org_code"] == row.org_code) & (obs["metric_id"] == row.metric_id)]
        dates = pd.to_datetime(series["period_start"])
        first_after = first_period_after(dates, row.start_date)
        after = int((dates >= first_after).sum()) if first_after is not None else 0
        if len(dates) > 0 and min(after, len(dates) - after) < MIN_POINTS_EACH_SIDE:
            break
    else:
        pytest.skip("no demo project leaves fewer than 12 points on a side")
    at = with_context(demo, "improvement.py", row.org_code, project=row.project_id)
    body = texts(at)
    assert "Too early to tell from this measure" in body
    assert f"at least {MIN_POINTS_EACH_SIDE} on each side are needed" in body


def test_is_it_working_names_a_signal_and_asks_a_question(demo):
    linked = projects(demo).dropna(subset=["metric_id"])
    found = set()
    for row in linked.drop_duplicates("org_code").head(2).itertuples():
        at = with_context(demo, "improvement.py", row.org_code)
        summary = at.dataframe[4].value
        found |= set(summary["What the data shows"])
        assert "Question for the board:" in texts(at)
    assert found & {
        "Special cause improvement since the project began",
        "Special cause deterioration since the project began",
        "No signal yet",
    }


def test_alignment_table_and_questions_are_shown(demo):
    org = projects(demo)["org_code"].iloc[0]
    at = with_context(demo, "improvement.py", org)
    table = at.dataframe[-1].value
    assert {"Measure", "Assurance", "Active projects", "What this suggests"} <= set(table.columns)
    assert set(table["Assurance"]) <= {"Failing", "Hit-and-miss", "Passing", "No target", "No data"}
    assert "Questions the board may wish to ask" in texts(at)


def test_period_filter_changes_the_before_after_answer(demo):
    linked = projects(demo).dropna(subset=["metric_id"])
    row = linked.sort_values("start_date").iloc[len(linked) // 2]
    full = texts(with_context(demo, "improvement.py", row.org_code, project=row.project_id))
    end = (pd.Timestamp(row.start_date) + pd.DateOffset(months=5)).date().replace(day=1)
    short = texts(
        with_context(
            demo, "improvement.py", row.org_code, start=end, end=end, project=row.project_id
        )
    )
    assert "Too early to tell from this measure" in short
    since = re.search(r"before the project began \(\w+ \d{4}\) and (\d+) months? since", short)
    assert since and int(since.group(1)) < MIN_POINTS_EACH_SIDE
    assert short != full


def test_unknown_project_in_the_link_falls_back_with_a_note(demo):
    org = projects(demo)["org_code"].iloc[0]
    at = with_context(demo, "improvement.py", org, project="x' OR 1=1 --")
    assert any("is not among these projects" in i.value for i in at.info)
    assert at.selectbox[0].value == at.selectbox[0].options[0] or at.selectbox[0].index == 0
