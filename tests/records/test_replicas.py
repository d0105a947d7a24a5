"""Several app replicas on one data folder and one PostgreSQL database: writes through both
at once lose nothing and both show the same log; kill -9 of a replica mid-write loses no
committed change and leaves no half-written one."""

from __future__ import annotations

import json
import signal
import subprocess
from datetime import date
from pathlib import Path

import pytest

from impact.question_log import open_log
from impact.records.audit import open_audit
from tests.pg_cluster import NewRecords, fresh_schema_url, pg_server, records_env  # noqa: F401
from tests.records.replica import spawn

ROUNDS = 12


def _replica(*args: str) -> subprocess.Popen[str]:
    return spawn("-m", "tests.records.replica", *args)


@pytest.mark.slow
def test_two_replicas_writing_at_once_lose_nothing_and_agree(
    pg_server: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("IMPACT_DATABASE_URL", fresh_schema_url(pg_server))
    log = open_log(tmp_path)
    shared = log.add(
        org_code="RXX01",
        metric_id="rtt_18wk",
        question="Why is the waiting list growing?",
        owner="COO",
        due_date=date(2030, 4, 9),
        asked_on=date(2030, 3, 12),
    )
    done = tmp_path / "done"
    done.mkdir()
    replicas = [
        _replica(name, str(tmp_path), str(ROUNDS), shared.question_id, str(done))
        for name in ("replica-a", "replica-b")
    ]
    outputs = [replica.communicate(timeout=180) for replica in replicas]
    for replica, (_out, err) in zip(replicas, outputs, strict=True):
        assert replica.returncode == 0, err
    views = [json.loads(out) for out, _err in outputs]
    assert views[0] == views[1]
    stored = log.questions()
    assert [q.question_id for q in stored] == [row[0] for row in views[0]]
    expected = {f"{n} question {i}" for n in ("replica-a", "replica-b") for i in range(ROUNDS)}
    assert expected <= {q.question for q in stored}
    final = log.get(shared.question_id)
    assert final is not None and final.revision == 1 + 2 * ROUNDS
    answers = {c.new_value for c in log.history(shared.question_id) if c.field == "answer"}
    assert answers == {f"{n} answer {i}" for n in ("replica-a", "replica-b") for i in range(ROUNDS)}


@pytest.mark.slow
def test_kill_9_mid_write_loses_no_committed_question(records_env: NewRecords) -> None:  # noqa: F811
    folder = records_env()
    replica = _replica("doomed", str(folder), "forever")
    committed: list[str] = []
    assert replica.stdout is not None
    while len(committed) < 15:
        line = replica.stdout.readline()
        assert line, replica.stderr.read() if replica.stderr else "replica ended"
        committed.append(line.strip())
    replica.send_signal(signal.SIGKILL)
    replica.wait(timeout=30)
    replica.stdout.close()
    replica.stderr.close()  # type: ignore[union-attr]

    log = open_log(folder)  # a restart: the same folder (or database) opened afresh
    stored = {q.question_id for q in log.questions()}
    assert set(committed) <= stored
    # Nothing half-written: every stored question has its history and its audit entry, and
    # no history or audit entry names a question that is not stored.
    added = {e.target for e in open_audit(folder).entries(action="question added")}
    assert added == stored
    assert {c.question_id for c in log.history()} == stored
