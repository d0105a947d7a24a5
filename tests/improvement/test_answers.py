"""*Is it working?* for the portfolio: each project's headline."""

from __future__ import annotations

from impact.improvement import (
    no_metric_answer,
    working_summary,
)
from tests.improvement.frames import (
    portfolio_frame,
)


def test_working_summary_gives_each_project_its_headline():
    portfolio = portfolio_frame()
    answers = {p: no_metric_answer() for p in portfolio["project_id"]}
    summary = working_summary(portfolio, answers)
    assert list(summary["Project"]) == list(portfolio["title"])
    assert set(summary["What the data shows"]) == {"No outcome measure linked"}
