"""One organisation's board for one period: every metric's question, answered.

Every page of the board view, the board pack and ``python -m impact answer`` go through
:func:`build_board`, so the screen, the paper and the command line show the same thing.
For each catalogue metric it gathers the latest value, the target in force, the SPC
result (variation and assurance), the plain-English answer, whether the data is stale for
the metric's frequency, and the questions the board may wish to ask. The answer's wording
is :mod:`impact.board.answers`; the assurance shown is the one the answer gives (the
engine's, unless the latest points of the current period contradict it).

Data arrives through a query function ``query(name, **params) -> DataFrame`` (the store's
``query`` or a cached wrapper of it), so this package never touches Streamlit or DuckDB.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

import pandas as pd

from impact.board.answers import answer_metric
from impact.board.chart_choice import chart_specs
from impact.board.metrics import metrics_from
from impact.board.model import POINT_COLUMNS, Metric, MetricAnswer, OrgBoard, QueryFn
from impact.board.plans import attach_plan
from impact.board.points import spc_points_and_summary
from impact.board.questions import board_questions
from impact.board.targets import target_histories, target_on
from impact.board.values import as_date, as_float, text_or_none
from impact.data_status import is_stale
from impact.filters import period_end
from impact.priorities import BOARD_PRIORITIES
from impact.spc.outputs import RULE_COLUMNS


def build_board(
    query: QueryFn,
    org_code: str,
    period_from: date,
    period_to: date,
    *,
    priorities: Iterable[str] = BOARD_PRIORITIES,
) -> OrgBoard:
    """Every board metric of one organisation over [period_from, end of period_to's month]."""
    catalogue = query("board_metrics")
    metrics = metrics_from(catalogue, priorities)
    specs = chart_specs(catalogue)
    by_id = {m.metric_id: m for m in metrics}
    last_day = period_end(period_to)
    obs = query(
        "board_observations", org_code=org_code, period_from=period_from, period_to=last_day
    )
    obs = obs[obs["metric_id"].isin(by_id)].copy()
    obs["period_start"] = pd.to_datetime(obs["period_start"])
    targets = query("board_targets", org_code=org_code)
    events = query("board_events", org_code=org_code, period_from=period_from, period_to=last_day)
    projects = query("board_projects_for_org", org_code=org_code)
    plans = query("board_plans", org_code=org_code)
    as_at = query("board_data_as_at")
    data_latest = as_date(as_at["latest_period"].iloc[0]) if not as_at.empty else None
    reference = min(data_latest, last_day) if data_latest else None

    # Only metrics with observations are charted or answered, so only they need a history.
    observed = set(obs["metric_id"])
    histories = target_histories(targets, [m for m in by_id if m in observed], org_code)
    rebase = {
        m: {as_date(d) for d in part.loc[part["rebase"].astype(bool), "event_date"]}
        for m, part in events.groupby("metric_id")
    }
    points, summary = spc_points_and_summary(obs, by_id, histories, rebase, specs)

    points_of = _by_metric(points)
    events_of = _by_metric(events)
    projects_of = _by_metric(projects)
    answers: list[MetricAnswer] = []
    missing: list[Metric] = []
    for metric in metrics:
        mine = points_of(metric.metric_id)
        mine = mine.sort_values("period_start").reset_index(drop=True)
        if mine.empty or mine["value"].notna().sum() == 0:
            missing.append(metric)
            continue
        answers.append(
            _answer(
                metric,
                org_code,
                mine,
                summary,
                histories[metric.metric_id],
                events_of(metric.metric_id).reset_index(drop=True),
                projects_of(metric.metric_id).reset_index(drop=True),
                reference,
            )
        )
        answers[-1] = attach_plan(answers[-1], plans)
    return OrgBoard(org_code, period_from, period_to, data_latest, answers, missing)


def _by_metric(frame: pd.DataFrame) -> Callable[[str], pd.DataFrame]:
    """``metric_id → that metric's rows`` (in order, with their index), split once.

    The same rows as filtering on ``metric_id`` per metric, without scanning the whole
    frame for each of the board's metrics.
    """
    if frame.empty:
        return lambda _metric_id: frame
    parts = {str(m): part for m, part in frame.groupby("metric_id", sort=False)}
    nothing = frame.iloc[0:0]
    return lambda metric_id: parts.get(metric_id, nothing)


def _last_group(summary: pd.DataFrame, metric_id: str) -> pd.Series | None:
    """The summary row of the metric's latest rebase group (its current process)."""
    if summary.empty:
        return None
    rows = summary[summary["metric_id"] == metric_id]
    if rows.empty:
        return None
    return rows.sort_values("rebase_group").iloc[-1]


def _answer(
    metric: Metric,
    org_code: str,
    points: pd.DataFrame,
    summary: pd.DataFrame,
    history: pd.DataFrame,
    events: pd.DataFrame,
    projects: pd.DataFrame,
    reference: date | None,
) -> MetricAnswer:
    valued = points[points["value"].notna()]
    latest_row = valued.iloc[-1]
    latest_period = as_date(latest_row["period_start"])
    target, target_source = target_on(history, latest_period)
    group = _last_group(summary, metric.metric_id)
    variation = str(latest_row.get("point_type") or "") or None
    engine_assurance = text_or_none(group.get("assurance_type")) if group is not None else None
    said = answer_metric(metric, points, target=target, assurance=engine_assurance)
    assurance = said.assurance
    stale = is_stale(latest_period, metric.frequency, reference)
    active = int((projects["status"] == "active").sum()) if not projects.empty else 0
    wanted = [c for c in POINT_COLUMNS if c in points or c in ("numerator", "denominator")]
    numbers = points.reindex(columns=[*wanted, *(c for c in CHART_COLUMNS if c in points)])
    return MetricAnswer(
        metric=metric,
        org_code=org_code,
        points=numbers,
        latest_period=latest_period,
        latest_value=float(latest_row["value"]),
        target=target,
        target_source=target_source,
        mean=as_float(latest_row.get("mean")),
        lpl=as_float(latest_row.get("lpl")),
        upl=as_float(latest_row.get("upl")),
        variation=variation,
        assurance=assurance,
        answer=_with_note(said.text, points),
        stale=stale,
        questions=board_questions(
            metric,
            valued,
            assurance=assurance,
            target=target,
            active_projects=active,
            stale=stale,
        ),
        targets=history,
        events=events,
        projects=projects,
        question_kind=said.question_kind,
        current_period_start=said.current_period_start,
        limits_recalculated=said.limits_recalculated,
    )


#: The columns that say how a metric was charted (see :mod:`impact.board.points`), kept
#: beside :data:`POINT_COLUMNS` so the chart can name its type, rule set and recalculations.
CHART_COLUMNS = ("chart", "limits_mode", "limits_change", "chart_note", "rules", *RULE_COLUMNS)


def _with_note(answer: str, points: pd.DataFrame) -> str:
    """The answer, followed by why the catalogue's chart or limits were not used, if so."""
    notes = points["chart_note"].dropna().unique() if "chart_note" in points else ()
    note = " ".join(str(n) for n in notes if str(n))
    return f"{answer} {note}" if note else answer
