"""``python -m impact answer``: what the board overview will show, from the command line.

Analysts run it before a meeting to check the answers; tests use it to pin the pages and
the command line to one code path (:func:`impact.board.build_board`).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

import pandas as pd

from impact.board import OrgBoard, build_board
from impact.filters import OrgTree, default_period, month_starts, month_text, parse_month
from impact.store import open_store

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
    parser.add_argument("--org", required=True, help="organisation code, e.g. a trust's ODS code")
    parser.add_argument("--metric", help="one metric_id (default: every board metric)")
    parser.add_argument("--data", help="data folder (default: IMPACT_DATA_DIR or data/)")
    parser.add_argument("--from", dest="period_from", help="first month, YYYY-MM")
    parser.add_argument("--to", dest="period_to", help="last month, YYYY-MM")
    parser.add_argument("--json", action="store_true", help="machine-readable, with every point")


def run(args: argparse.Namespace) -> int:
    store = open_store(args.data)
    tree = OrgTree.from_frame(store.query("board_org_tree"))
    if args.org not in tree:
        print(f"Unknown organisation code {args.org!r}: not in the data.", file=sys.stderr)
        return 2
    months = month_starts(store.query("board_periods")["month"])
    period_from, period_to = default_period(months)
    for name in ("period_from", "period_to"):
        raw = getattr(args, name)
        if raw:
            parsed = parse_month(raw)
            if parsed is None:
                print(f"--{name[7:]} {raw!r} is not a month (YYYY-MM).", file=sys.stderr)
                return 2
            if name == "period_from":
                period_from = parsed
            else:
                period_to = parsed
    board = build_board(store.query, args.org, period_from, period_to)
    if args.metric and board.answer(args.metric) is None:
        known = sorted(a.metric.metric_id for a in board.answers)
        print(
            f"No data for metric {args.metric!r} at {args.org}; metrics with data: "
            + ", ".join(known),
            file=sys.stderr,
        )
        return 2
    document = board_document(board, tree, metric=args.metric, points=args.json)
    if args.json:
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
        "period_from": month_text(board.period_from),
        "period_to": month_text(board.period_to),
        "data_latest_period": _iso(board.data_latest_period),
        "metrics": metrics,
        "no_data": [m.metric_id for m in board.missing if not metric],
    }


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
        lines += [f"  Question: {q}" for q in m["questions"]]
        lines.append("")
    if document["no_data"]:
        lines.append("No data for: " + ", ".join(document["no_data"]))
    return "\n".join(lines).rstrip() + "\n"
