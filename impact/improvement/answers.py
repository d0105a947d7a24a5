"""*Is it working?* for the whole portfolio: every project answered, counted and marked.

A project without an outcome metric, or whose metric is not in the catalogue, is answered
in words rather than skipped, so the count of answers always equals the portfolio.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from impact.calendar import month_short
from impact.improvement.effect import (
    EFFECT_HEADLINES,
    EffectAnswer,
    SpcFunction,
    is_it_working,
    no_metric_answer,
)


def effect_counts(answers: Iterable[EffectAnswer]) -> dict[str, int]:
    """How many projects fall under each "Is it working?" status, for a one-line summary."""
    counts = dict.fromkeys(EFFECT_HEADLINES, 0)
    for answer in answers:
        counts[answer.status] += 1
    return counts


def project_answers(
    projects: pd.DataFrame,
    observations: pd.DataFrame,
    spc_function: SpcFunction | None = None,
) -> dict[str, EffectAnswer]:
    """ "Is it working?" for every project, keyed by ``project_id``.

    ``projects`` carries each project's ``metric_id``, ``org_code``, ``start_date`` and the
    metric's ``metric_name, unit, improvement_direction, frequency`` (the
    ``improvement_projects`` query); ``observations`` the series of those metrics for those
    organisations. A project without a metric, or whose metric is not in the catalogue, is
    answered in words rather than skipped.
    """
    answers: dict[str, EffectAnswer] = {}
    grouped = {key: part for key, part in observations.groupby(["org_code", "metric_id"])}
    for row in projects.itertuples(index=False):
        if not isinstance(row.metric_id, str) or not row.metric_id:
            answers[row.project_id] = no_metric_answer()
            continue
        series = grouped.get((row.org_code, row.metric_id))
        if series is None:
            series = pd.DataFrame({"period_start": pd.to_datetime([]), "value": []})
        name = row.metric_name if isinstance(row.metric_name, str) else row.metric_id
        direction = row.improvement_direction
        answers[row.project_id] = is_it_working(
            series[["period_start", "value"]],
            start_date=row.start_date,
            improvement_direction=direction if isinstance(direction, str) else "neutral",
            unit=row.unit if isinstance(row.unit, str) else "",
            frequency=row.frequency if isinstance(row.frequency, str) else "month",
            metric_name=name,
            spc_function=spc_function,
        )
    return answers


def start_marker(answer: EffectAnswer, start_date: date | pd.Timestamp) -> pd.DataFrame:
    """The project start as an ``events`` row, so the shared SPC chart marks it.

    When the limits are re-based the marker sits on the first period after the start (where
    the chart's new limits begin, labelled "Limits recalculated: project began …");
    otherwise it is a plain annotation on the start date itself.
    """
    when = answer.first_after if answer.rebased else pd.Timestamp(start_date)
    return pd.DataFrame(
        {
            "event_date": [when],
            "description": [f"project began {month_short(start_date)}"],
            "rebase": [answer.rebased],
        }
    )


def working_summary(portfolio: pd.DataFrame, answers: dict[str, EffectAnswer]) -> pd.DataFrame:
    """One row per project: what it is aimed at and the headline of "Is it working?"."""
    return pd.DataFrame(
        {
            "Project": portfolio["title"],
            "Organisation": portfolio["org_name"].fillna(portfolio["org_code"]),
            "Aimed at": portfolio["metric_name"].fillna("No outcome measure linked"),
            "What the data shows": [answers[p].headline for p in portfolio["project_id"]],
        }
    )
