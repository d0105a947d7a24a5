"""The Improvement activity page's content, from the store: one scope, one period.

The Improvement page and the board pack both call :func:`build_improvement`, so they show
the same portfolio and the same answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from impact.contracts import ORG_TYPES
from impact.improvement.alignment import alignment_questions, alignment_table
from impact.improvement.answers import project_answers
from impact.improvement.effect import EffectAnswer
from impact.improvement.portfolio import portfolio_table
from impact.orgs import OrgTree

if TYPE_CHECKING:
    from impact.board import OrgBoard

QueryFn = Callable[..., pd.DataFrame]


def scope_codes(tree: OrgTree, org_code: str) -> list[str]:
    """The chosen organisation and every organisation below it (an ICB and its trusts).

    Improvement work is done by trusts and practices, so a board looking at its ICB or
    region sees the portfolio of everything beneath it.
    """
    codes = [org_code]
    for org_type in ORG_TYPES:
        codes += [o.code for o in tree.descendants(org_code, org_type)]
    return list(dict.fromkeys(codes))


def assurance_from_board(board: OrgBoard) -> pd.DataFrame:
    """``metric_id, assurance_type`` for every metric the board view answered."""
    return pd.DataFrame(
        {
            "metric_id": [a.metric.metric_id for a in board.answers],
            "assurance_type": [a.assurance for a in board.answers],
        },
        columns=["metric_id", "assurance_type"],
    )


@dataclass
class ImprovementView:
    """Everything the Improvement activity page draws for one scope and period."""

    org_codes: list[str]
    projects: pd.DataFrame
    portfolio: pd.DataFrame
    answers: dict[str, EffectAnswer]
    observations: pd.DataFrame
    alignment: pd.DataFrame
    questions: list[str]


def build_improvement(
    query: QueryFn,
    org_codes: list[str],
    period_from: date,
    period_to: date,
    assurance: pd.DataFrame,
    as_of: date,
) -> ImprovementView:
    """The improvement portfolio, "Is it working?" and the alignment for the organisations.

    ``period_to`` is the last day of the period; projects running at any time within the
    period are shown. Each linked metric is judged on its whole history up to ``period_to``
    (not only from ``period_from``), because the baseline before a project began is what it
    is judged against, and a short viewing window would otherwise hide it.
    """
    projects = query(
        "improvement_projects", org_codes=org_codes, period_from=period_from, period_to=period_to
    )
    for col in ("start_date", "end_date"):
        projects[col] = pd.to_datetime(projects[col])
    pdsa = query("improvement_pdsa", org_codes=org_codes)
    pdsa = pdsa[pdsa["project_id"].isin(projects["project_id"])]
    metric_ids = sorted(projects["metric_id"].dropna().unique().tolist())
    observations = query(
        "improvement_observations",
        org_codes=org_codes,
        metric_ids=metric_ids,
        period_to=period_to,
    )
    observations["period_start"] = pd.to_datetime(observations["period_start"])
    answers = project_answers(projects, observations)
    alignment = alignment_table(query("board_metrics"), assurance, projects)
    return ImprovementView(
        org_codes=org_codes,
        projects=projects,
        portfolio=portfolio_table(projects, pdsa, as_of),
        answers=answers,
        observations=observations,
        alignment=alignment,
        questions=alignment_questions(alignment),
    )
