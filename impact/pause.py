"""Named points where a fault test can hold the process still, to kill it at that moment.

A test of "the app is killed while it writes" must kill it while it writes, every time,
not after a sleep that may land before or after. With ``IMPACT_PAUSE_AT=<point>`` in the
environment the process stops for good when it reaches that point, after writing the
point's name to the file named by ``IMPACT_PAUSE_FLAG``; the test waits for that file and
then kills the process. Without the variable each call is one dictionary look-up.

The points: ``ingest-parquet`` (a file's Parquet cache written to its temporary name, not
yet moved into place), ``staged-parquet`` (the same for the background write of a large
file served from memory) and ``records-commit`` (a question-log change made, not yet
committed).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

ENV = "IMPACT_PAUSE_AT"
FLAG_ENV = "IMPACT_PAUSE_FLAG"
POINTS = ("ingest-parquet", "staged-parquet", "records-commit")


def pause_point(name: str) -> None:
    """Stop here for good when the environment names this point (see the module text)."""
    if os.environ.get(ENV) != name:
        return
    flag = os.environ.get(FLAG_ENV)
    if flag:
        Path(flag).write_text(name, encoding="utf-8")
    threading.Event().wait()  # until the process is killed
