"""The server-side time of each script run, written to the server log when asked for.

Streamlit reruns the whole script on every interaction and logs no times, so a browser
figure cannot say how much of a wait was the server's. With ``IMPACT_TIMING=1`` in the
environment every run of the entry point writes one line to the server's standard error::

    impact-timing rerun page=elective seconds=0.084

(``bench/browser.py`` and ``bench/load.py`` read these lines back.) Without it nothing is
measured or written.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

ENV = "IMPACT_TIMING"
#: The marker every timing line starts with, and the pattern that reads one back.
MARKER = "impact-timing rerun"
LINE = re.compile(rf"{MARKER} page=(?P<page>\S+) seconds=(?P<seconds>[0-9.]+)")


def enabled() -> bool:
    return os.environ.get(ENV) == "1"


def start() -> float:
    """The moment the run began (call first thing in the entry point)."""
    return time.perf_counter()


@contextmanager
def logged(started: float, page: str) -> Iterator[None]:
    """Log the run's time from ``started`` to the end of this block, however it ends.

    A run stopped early (``st.stop``, ``st.rerun``, a page switch) is logged too: its time
    was spent all the same.
    """
    try:
        yield
    finally:
        if enabled():
            elapsed = time.perf_counter() - started
            # Printed, not logged: Streamlit's logging set-up shows no INFO lines, and one
            # short line per run needs no handler.
            print(f"{MARKER} page={_slug(page)} seconds={elapsed:.3f}", file=sys.stderr, flush=True)


def _slug(page: str) -> str:
    return re.sub(r"\W+", "-", page.strip().lower()).strip("-") or "page"


def read_times(log_text: str) -> list[tuple[str, float]]:
    """Every (page, seconds) timing line in a server log, in order."""
    return [(m["page"], float(m["seconds"])) for m in LINE.finditer(log_text)]
