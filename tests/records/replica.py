"""A stand-in app replica for the replica tests: the app's own question-log functions in a
separate process, sharing the data folder and the database the environment names.

``python -m tests.records.replica NAME DATA_DIR ROUNDS SHARED_ID DONE_DIR``: adds ROUNDS
questions and answers the shared question ROUNDS times, then marks itself done, waits for
every other replica, and prints the log as it sees it (JSON), so the test can compare.
``... NAME DATA_DIR forever``: adds questions until killed, printing each id once committed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from impact import PROJECT_ROOT
from impact.question_log import open_log


def spawn(*argv: str) -> subprocess.Popen[str]:
    """``python ARGV…`` from the project root with the test's environment (a replica)."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen(
        [sys.executable, *argv],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _add(log, name: str, i: int) -> str:
    return log.add(
        org_code="RXX01",
        metric_id="ae_4hr_all",
        question=f"{name} question {i}",
        owner="COO",
        due_date=date(2030, 4, 9),
        asked_on=date(2030, 3, 12),
        actor=name,
    ).question_id


def main(argv: list[str]) -> int:
    name, data_dir = argv[0], Path(argv[1])
    log = open_log(data_dir)
    if argv[2] == "forever":
        i = 0
        while True:
            print(_add(log, name, i), flush=True)
            i += 1
    rounds, shared, done = int(argv[2]), argv[3], Path(argv[4])
    for i in range(rounds):
        _add(log, name, i)
        log.answer(shared, f"{name} answer {i}", actor=name)
    (done / name).touch()
    while len(list(done.iterdir())) < 2:
        time.sleep(0.05)
    seen = [[q.question_id, q.question, q.answer, q.revision] for q in log.questions()]
    print(json.dumps(seen))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
