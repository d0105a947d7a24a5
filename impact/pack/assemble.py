"""Gather every answer a board pack shows, from the functions the board pages use.

:func:`assemble_pack` takes its answers from :func:`impact.board.build_board`, the
improvement and capability rules and the question log, so the pack and the pages can never
disagree; it formats numbers and periods but lays nothing out (:mod:`impact.pack.render`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

import pandas as pd

from impact import charts
from impact.board import MetricAnswer, OrgBoard, build_board
from impact.board.plans import plan_caption
from impact.board.question_ranking import (
    TOP_OVERVIEW,
    TOP_PER_PRIORITY,
    RankedQuestion,
    ranked_questions,
    top_and_rest,
)
from impact.calendar import period_short, span_short
from impact.data_status import DataAsAt, as_at_sentence, summarise
from impact.filters import period_end
from impact.ingest import FileReport
from impact.orgs import OrgTree
from impact.pack.guide import HOW_TO_READ, assurance_icon, icon_guide, variation_icon
from impact.pack.model import (
    BoardPack,
    GeneratedQuestion,
    MetricEntry,
    PrioritySection,
    QuestionItem,
    SourceFile,
)
from impact.pack.standing import with_standing
from impact.pack.summaries import capability_summary, improvement_summary
from impact.priorities import BOARD_PRIORITIES, PRIORITY_TITLES
from impact.question_log import BoardQuestion
from impact.units import format_value

#: The IPR summary's columns, as the board overview's summary table names them.
IPR_COLUMNS = (
    "Metric",
    "Latest",
    "Target",
    "Mean",
    "Lower process limit",
    "Upper process limit",
    "Variation",
    "Assurance",
    "Trend",
)

QueryFn = Callable[..., pd.DataFrame]


def assemble_pack(
    query: QueryFn,
    org_code: str,
    period_from: date,
    period_to: date,
    *,
    files: Sequence[FileReport] = (),
    questions: Sequence[BoardQuestion] = (),
    board: OrgBoard | None = None,
    peer_scope: str = "parent",
    now: datetime | None = None,
) -> BoardPack:
    """Gather every answer the pack shows for one organisation and period.

    ``query`` is the store's named-query function (or the pages' cached wrapper of it),
    ``files`` the store's file reports (the data-sources page), ``questions`` the board's
    question log entries; ``peer_scope`` the peer filter (``parent`` or ``region``) the
    capability comparison uses. ``board`` may be passed when the caller already built it (the
    pages cache it), so the pack shows exactly the answers on screen.
    """
    moment = now or datetime.now()
    tree = OrgTree.from_frame(query("board_org_tree"))
    if org_code not in tree:
        raise ValueError(f"No organisation {org_code!r} in the data.")
    board = board or build_board(query, org_code, period_from, period_to)
    catalogue = query("board_metrics")
    names = dict(zip(catalogue["metric_id"], catalogue["metric_name"], strict=True))
    open_here = [q for q in questions if q.is_open and q.org_code == org_code]
    open_items = [_question_item(q, names) for q in open_here]
    open_by_metric: dict[str, list[QuestionItem]] = {}
    for q, item in zip(open_here, open_items, strict=True):
        open_by_metric.setdefault(q.metric_id, []).append(item)
    status = _data_status(query, files, moment.date())
    ranked = ranked_questions(board)
    sections = [_priority_section(board, key, open_by_metric, ranked) for key in BOARD_PRIORITIES]
    sections = with_standing(
        sections, board, query, tree, scope=peer_scope, period_to=period_end(period_to)
    )
    return BoardPack(
        org_code=org_code,
        org_name=tree.name(org_code),
        period_label=span_short(period_from, period_to),
        data_as_at=f"Data as at {period_short(status.latest_period)}",
        data_as_at_detail=as_at_sentence(status),
        generated_at=moment,
        priorities=sections,
        ipr_columns=IPR_COLUMNS,
        icon_guide=icon_guide(),
        how_to_read=HOW_TO_READ,
        sources=[_source(f) for f in files],
        open_questions=open_items,
        first_questions=[_generated(r) for r in ranked[:TOP_OVERVIEW]],
        summaries=[
            improvement_summary(query, tree, board, org_code, period_from, period_to),
            capability_summary(query, tree, org_code, period_from, period_to, peer_scope),
        ],
    )


def _question_item(question: BoardQuestion, metric_names: dict[str, str]) -> QuestionItem:
    """A question-log entry as the pack lists it, its metric named in words."""
    return QuestionItem(
        metric_name=metric_names.get(question.metric_id, question.metric_id),
        question=question.question,
        owner=question.owner,
        asked_on=question.asked_on,
        due_date=question.due_date,
        asked_by=question.asked_by,
    )


def _generated(ranked: RankedQuestion) -> GeneratedQuestion:
    """A ranked question as the pack lists it: its place, metric, words and reason."""
    return GeneratedQuestion(ranked.rank, ranked.metric_name, ranked.question, ranked.reason)


def _priority_section(
    board: OrgBoard,
    key: str,
    open_by_metric: dict[str, list[QuestionItem]],
    ranked: list[RankedQuestion],
) -> PrioritySection:
    """One recovery priority's metrics, its generated questions and what has no data.

    The three most material questions go in the overview; the rest, still in rank order, in
    the appendix, so nothing the data raise is dropped but the overview stays short.
    """
    top, rest = top_and_rest(board, key, TOP_PER_PRIORITY, ranked)
    missing = board.missing_for(key)
    notes = (
        [f"No data in this period for: {', '.join(m.metric_name for m in missing)}."]
        if missing
        else []
    )
    return PrioritySection(
        key=key,
        title=PRIORITY_TITLES[key],
        metrics=[
            _metric_entry(a, open_by_metric.get(a.metric.metric_id, []))
            for a in board.by_priority(key)
        ],
        questions=[_generated(r) for r in top],
        notes=notes,
        more_questions=[_generated(r) for r in rest],
    )


def _metric_entry(answer: MetricAnswer, open_questions: Sequence[QuestionItem]) -> MetricEntry:
    metric = answer.metric
    unit = metric.unit
    latest = answer.latest_text
    if answer.latest_period is not None:
        latest = f"{latest} ({period_short(answer.latest_period, metric.frequency)})"
    notes = []
    if answer.stale:
        notes.append("Stale: the latest figures are older than this measure's frequency allows.")
    figure = charts.spc_figure(
        answer.points,
        title=metric.metric_name,
        unit=unit,
        targets=answer.targets,
        events=answer.events,
    )
    variation = variation_icon(answer.variation, metric.direction)
    assurance = assurance_icon(answer.assurance)
    return MetricEntry(
        metric_id=metric.metric_id,
        metric_name=metric.metric_name,
        board_question=metric.board_question,
        answer=answer.answer,
        latest=latest,
        target=answer.target_text,
        variation=variation,
        assurance=assurance,
        figure=figure,
        ipr_row=(
            metric.metric_name,
            latest,
            answer.target_text,
            format_value(answer.mean, unit),
            format_value(answer.lpl, unit),
            format_value(answer.upl, unit),
            answer.variation_label,
            answer.assurance_label,
            "",
        ),
        trend=[float(v) for v in answer.points["value"].dropna().tail(24)],
        open_questions=list(open_questions),
        notes=notes,
        plan=answer.plan_text,
        plan_source=plan_caption(answer),
        target_rule=answer.target_rule_text,
    )


def _data_status(query: QueryFn, files: Sequence[FileReport], today: date) -> DataAsAt:
    """The same "data as at" summary the pages show: latest period, newest extract file."""
    latest = query("data_page_latest_by_metric", org_code=None)
    times = [(f.path, f.mtime) for f in files if f.origin == "data"]
    return summarise(latest, times, today)


def _source(report: FileReport) -> SourceFile:
    periods = "—"
    if report.first_period and report.last_period:
        periods = f"{report.first_period} to {report.last_period}"
    contents = report.contract or report.reader or "not recognised"
    if report.reader and report.contract:
        contents = f"{report.reader} ({report.contract})"
    rows = f"{report.rows_read:,}"
    if report.rows_rejected:
        rows += f" ({report.rows_rejected:,} rejected)"
    modified = datetime.fromtimestamp(report.mtime).strftime("%d %b %Y %H:%M")
    return SourceFile(report.path, contents, rows, periods, modified)
