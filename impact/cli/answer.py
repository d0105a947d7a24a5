"""``python -m impact answer``: what the board overview will show, from the command line.

Analysts run it before a meeting to check the answers; tests use it to pin the pages and
the command line to one code path (:func:`impact.board.build_board`).
"""

from __future__ import annotations

import argparse
import json
from datetime import date

import pandas as pd

from impact.board import OrgBoard, build_board
from impact.board.standing import metric_standing
from impact.calendar import month_key
from impact.cli._arguments import (
    ArgumentProblem,
    BoardScope,
    add_data_argument,
    add_org_argument,
    add_period_arguments,
    board_scope,
    fail,
)
from impact.filters import period_end
from impact.orgs import PEER_SCOPES, OrgTree

HELP = "Print the board's questions and answers for one organisation (and metric)."

#: The point columns ``--json`` adds for every metric.
JSON_POINT_COLUMNS = (
    "period_start",
    "value",
    "mean",
    "lpl",
    "upl",
    "point_type",
    "special_cause_type",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_org_argument(parser)
    parser.add_argument("--metric", help="one metric_id (default: every board metric)")
    add_data_argument(parser)
    add_period_arguments(parser)
    parser.add_argument("--json", action="store_true", help="machine-readable, with every point")
    parser.add_argument(
        "--peers",
        choices=PEER_SCOPES,
        default="parent",
        help="where --json's peer_position looks for peers (default: the parent's)",
    )


def run(args: argparse.Namespace) -> int:
    try:
        scope = board_scope(args)
    except ArgumentProblem as problem:
        return fail("answer", str(problem))
    board = build_board(scope.store.query, scope.org_code, scope.period_from, scope.period_to)
    if args.metric and board.answer(args.metric) is None:
        known = sorted(a.metric.metric_id for a in board.answers)
        return fail(
            "answer",
            f"no data for metric {args.metric!r} at {args.org}; metrics with data: "
            + ", ".join(known),
        )
    document = board_document(board, scope.tree, metric=args.metric, points=args.json)
    if args.json:
        add_standing(document, board, scope, peers=args.peers)
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print(board_text(document))
    return 0


def board_document(
    board: OrgBoard, tree: OrgTree, *, metric: str | None = None, points: bool = False
) -> dict:
    """The overview's content as plain data (what ``--json`` prints)."""
    metrics = []
    for a in board.answers:
        if metric and a.metric.metric_id != metric:
            continue
        entry = {
            "metric_id": a.metric.metric_id,
            "metric_name": a.metric.metric_name,
            "priority": a.metric.priority,
            "board_question": a.metric.board_question,
            "unit": a.metric.unit,
            "latest_period": a.latest_period.isoformat() if a.latest_period else None,
            "latest_value": a.latest_value,
            "latest_text": a.latest_text,
            "target": a.target,
            "target_text": a.target_text,
            "target_source": a.target_source,
            "target_rule": a.target_rule_text or None,
            "plan": a.plan,
            "plan_variance": a.plan_variance,
            "plan_name": a.plan_name,
            "plan_submitted": _iso(a.plan_submitted),
            "plan_text": a.plan_text or None,
            "mean": a.mean,
            "lpl": a.lpl,
            "upl": a.upl,
            "variation": a.variation,
            "variation_label": a.variation_label,
            "assurance": a.assurance,
            "assurance_label": a.assurance_label,
            "answer": a.answer,
            "stale": a.stale,
            "questions": list(a.questions),
        }
        if points:
            entry["points"] = _points(a.points)
        metrics.append(entry)
    return {
        "org_code": board.org_code,
        "org_name": tree.name(board.org_code),
        "period_from": month_key(board.period_from),
        "period_to": month_key(board.period_to),
        "data_latest_period": _iso(board.data_latest_period),
        "metrics": metrics,
        "no_data": [m.metric_id for m in board.missing if not metric],
    }


def add_standing(document: dict, board: OrgBoard, scope: BoardScope, *, peers: str) -> None:
    """Each metric's ``target_outlook`` and ``peer_position`` (:mod:`impact.board.standing`)."""
    standing = metric_standing(
        scope.store.query, scope.tree, board, scope=peers, period_to=period_end(board.period_to)
    )
    for entry in document["metrics"]:
        entry.update(standing[entry["metric_id"]])


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _points(frame: pd.DataFrame) -> list[dict]:
    out = []
    for row in frame.reindex(columns=list(JSON_POINT_COLUMNS)).itertuples(index=False):
        record = {}
        for name, value in zip(JSON_POINT_COLUMNS, row, strict=True):
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                record[name] = None
            elif name == "period_start":
                record[name] = pd.Timestamp(value).date().isoformat()
            elif isinstance(value, int | float):
                record[name] = float(value)
            else:
                record[name] = str(value)
        out.append(record)
    return out


def board_text(document: dict) -> str:
    """The document as a board member would read it, metric by metric."""
    lines = [
        f"{document['org_name']} ({document['org_code']})",
        f"Period {document['period_from']} to {document['period_to']}; "
        f"data as at {document['data_latest_period'] or 'no data'}",
        "",
    ]
    for m in document["metrics"]:
        stale = "  [STALE]" if m["stale"] else ""
        lines += [
            f"{m['board_question']}{stale}",
            f"  {m['metric_name']} [{m['metric_id']}]",
            f"  Latest: {m['latest_text']} ({m['latest_period']})"
            + (f"; target {m['target_text']}" if m["target"] is not None else "; no target"),
            f"  Variation: {m['variation_label']}",
            f"  Assurance: {m['assurance_label']}",
            f"  Answer: {m['answer']}",
        ]
        lines += [f"  Plan: {m['plan_text']} ({m['plan_name']})"] if m["plan_text"] else []
        lines += [f"  Target rule: {m['target_rule']}"] if m["target_rule"] else []
        lines += [f"  Question: {q}" for q in m["questions"]]
        lines.append("")
    if document["no_data"]:
        lines.append("No data for: " + ", ".join(document["no_data"]))
    return "\n".join(lines).rstrip() + "\n"
