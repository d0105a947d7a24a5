"""The process the kill tests start, kill and start again: the store and question log at work.

It runs the same library code the app runs on its first page (open the store, read the
folder, build boards; add a question to the log) and prints what a restart must find
again as JSON on its last line.

    python -m tests.reliability.driver answers DATA CACHE
    python -m tests.reliability.driver ask DATA COUNT
    python -m tests.reliability.driver questions DATA
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

#: The organisations whose boards are compared (a trust, and its copy's trust when
#: the folder holds the large copy).
ORGS = ("XRA05", "Z1XRA05")


def answers(data: Path, cache: Path) -> dict[str, object]:
    """What the board pages would show: every observation (as a digest), and three boards."""
    from impact.board import build_board
    from impact.calendar import month_starts
    from impact.filters import default_period
    from impact.store import open_store

    store = open_store(data, cache)
    store.refresh()
    store.flush()
    cur = store.cursor()
    try:
        # Every row, in one order, as one digest: equal exactly when the rows are.
        count, rows = cur.execute(
            "SELECT count(*), md5(string_agg(concat_ws('|', metric_id, org_code, period_start,"
            " value, numerator, denominator), ',' ORDER BY metric_id, org_code, period_start))"
            " FROM observations"
        ).fetchone()
    finally:
        cur.close()
    period_from, period_to = default_period(month_starts(store.query("board_periods")["month"]))
    boards = {}
    for org in ORGS:
        board = build_board(store.query, org, period_from, period_to)
        boards[org] = [
            [a.metric.metric_id, a.answer, a.latest_text, len(a.points)] for a in board.answers
        ]
    return {"observations": [count, rows], "boards": boards}


def ask(data: Path, count: int) -> list[str]:
    """Add ``count`` questions, one transaction each; the ids of those committed."""
    from impact.question_log import open_log

    log = open_log(data)
    ids = []
    for i in range(count):
        stored = log.add(
            org_code="XRA05",
            metric_id="ae_4hr_all",
            question=f"Question {i + 1}: what changed in January?",
            owner="Chief Operating Officer",
            due_date=date(2030, 4, 9),
            asked_on=date(2030, 3, 12),
        )
        ids.append(stored.question_id)
        print(json.dumps({"committed": stored.question_id}), flush=True)
    return ids


def questions(data: Path) -> list[str]:
    from impact.question_log import open_log

    return sorted(q.question_id for q in open_log(data).questions())


def main(argv: list[str]) -> None:
    command, data = argv[0], Path(argv[1])
    if command == "answers":
        result: object = answers(data, Path(argv[2]))
    elif command == "ask":
        result = ask(data, int(argv[2]))
    elif command == "questions":
        result = questions(data)
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result, default=str), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
