"""Warm a freshly started server so the first board member waits no longer than the next.

``streamlit run`` runs no app code until the first browser connects, so the first visitor
after a deploy or a restart pays for everything: importing pandas, plotly and DuckDB,
reading every extract into the store, building the organisation's board and drawing its
figures. :func:`warm` does that work as soon as the server is up, by running the app's own
script once in a session of the live runtime that no browser is attached to. Because it is
the real script in the real runtime, it fills exactly the caches (``impact.ui.data``) a
browser's first visit would, under exactly the keys that visit computes; nothing here
names a cache key, so nothing can drift from the pages.

A visitor who arrives while warming is still served as usual: the store is one locked
object per process, and Streamlit's caches make a second caller of the same key wait for
the first computation instead of repeating it.

Progress goes to the server log (``impact-warm …`` lines) and to a small status file in
the cache folder, which ``python -m impact ready`` reads (:func:`check_warm`).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from impact import config
from impact.atomic import write_atomic

#: Organisations to warm, separated by commas or spaces; unset: the default view (no org).
ORGS_ENV = "IMPACT_WARM_ORGS"
#: The marker every warm-up log line starts with.
MARKER = "impact-warm"
STATUS_FILE = "warm-status.json"
#: A warm-up visit that takes longer than this is abandoned (the server keeps serving).
VISIT_TIMEOUT = 600.0


def status_path(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    return config.cache_dir(cache_dir) / STATUS_FILE


def warm_queries(raw: str | None = None) -> list[str]:
    """The URL query strings to visit: one per organisation asked for, else the default view."""
    raw = os.environ.get(ORGS_ENV, "") if raw is None else raw
    codes = [code for code in raw.replace(",", " ").split() if code]
    return [f"org={code}" for code in codes] or [""]


def log(message: str) -> None:
    # Printed, not logged: Streamlit's logging set-up shows no INFO lines.
    print(f"{MARKER} {message}", file=sys.stderr, flush=True)


def write_status(state: str, seconds: float | None = None, detail: str = "") -> None:
    """Record this process's warm-up state (``warming``, ``warm`` or ``failed``)."""
    path = status_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"pid": os.getpid(), "state": state, "seconds": seconds, "detail": detail}
        write_atomic(path, json.dumps(record))
    except OSError as error:  # a read-only cache folder must not stop the server
        log(f"status not written: {type(error).__name__}")


@dataclass(frozen=True)
class WarmStatus:
    """What the status file says, for a live server only."""

    state: str
    seconds: float | None
    detail: str


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_status(cache_dir: str | os.PathLike[str] | None = None) -> WarmStatus | None:
    """The warm-up state of the server using this cache folder; ``None`` when no server
    started by ``python -m impact serve`` is running on it."""
    try:
        record = json.loads(status_path(cache_dir).read_text(encoding="utf-8"))
        pid = int(record["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not _alive(pid):
        return None
    return WarmStatus(str(record.get("state")), record.get("seconds"), str(record.get("detail")))


def _prepare() -> None:
    """The heavy imports and the ingest, in a worker thread while the server starts."""
    from impact.ui import data

    data.refresh()


class _Headless:
    """A session client that throws the page away and notes when the script has finished."""

    def __init__(self) -> None:
        self.finished = asyncio.Event()
        self.errors: list[str] = []

    def write_forward_msg(self, msg) -> None:  # type: ignore[no-untyped-def]
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "exception":
                self.errors.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "script_finished" and msg.script_finished in (
            ForwardMsg.FINISHED_SUCCESSFULLY,
            ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
        ):
            self.finished.set()

    @property
    def client_context(self) -> None:
        return None


async def _visit(runtime, query_string: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Run the app's script once, as a first browser visit with this query string would."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState

    client = _Headless()
    session_id = runtime.connect_session(client=client, user_info={"is_logged_in": False})
    try:
        message = BackMsg(rerun_script=ClientState(query_string=query_string))
        runtime.handle_backmsg(session_id, message)
        await asyncio.wait_for(client.finished.wait(), VISIT_TIMEOUT)
    finally:
        runtime.close_session(session_id)
    return client.errors


async def _started_runtime():  # type: ignore[no-untyped-def]
    """The runtime, once it accepts sessions."""
    from streamlit.runtime import Runtime, RuntimeState

    while not Runtime.exists():
        await asyncio.sleep(0.02)
    runtime = Runtime.instance()
    while runtime.state in (RuntimeState.INITIAL, RuntimeState.STOPPING, RuntimeState.STOPPED):
        if runtime.state is not RuntimeState.INITIAL:
            raise RuntimeError("the server stopped before warming")
        await asyncio.sleep(0.02)
    return runtime


async def warm(started: float, queries: list[str]) -> bool:
    """Warm the server on this event loop; True when every visit ran without an error.

    ``started`` is the process's start (``time.perf_counter()``), for the logged time.
    """
    write_status("warming")
    log("started")
    try:
        prepared = asyncio.create_task(asyncio.to_thread(_prepare))
        runtime = await _started_runtime()
        await prepared
        log(f"ingested seconds={time.perf_counter() - started:.3f}")
        errors: list[str] = []
        for query_string in queries:
            errors += await _visit(runtime, query_string)
    except Exception as error:  # warming is an optimisation: never take the server down
        errors = [f"{type(error).__name__}: {error}"]
    seconds = round(time.perf_counter() - started, 3)
    if errors:
        write_status("failed", seconds, "; ".join(errors)[:500])
        log(f"failed seconds={seconds:.3f} errors={len(errors)} first={errors[0][:200]!r}")
        return False
    write_status("warm", seconds, f"{len(queries)} view(s)")
    log(f"warmed seconds={seconds:.3f} views={len(queries)}")
    return True
