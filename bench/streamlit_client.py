"""A board member's browser tab without the browser: Streamlit's own websocket protocol.

A load test that opens twenty Chromium tabs on the server's machine measures mostly the
browsers drawing pages, not the server: in a meeting each member's browser runs on their
own device and only the server is shared. This client speaks to ``/_stcore/stream``
exactly as the Streamlit frontend of the installed version does (``App.tsx``'s
``sendRerunBackMsg``), so the server does the same work per session at almost no cost to
the client:

- one websocket per session (subprotocol ``streamlit``; no XSRF token or session id, as
  a first visit sends none);
- the first run names its page by the URL path (``page_name``) with the URL's query
  string, as a fresh page load does;
- a page switch names the page by its ``page_script_hash`` (from the ``navigation``
  message) with an empty query string (the frontend keeps only query parameters bound to
  widgets, and this app binds none); widget states are not sent, so the server keeps the
  values it holds, which is what the browser's own copy of them would say;
- opening a link (``?org=…``) is a fresh page load: a new websocket, hence a new session;
- a fragment's ``auto_rerun`` (the app's live pick-up of new files) is rerun on request,
  as the frontend's timer would.

A run is over at ``script_finished`` with a final status (a run cut short for a rerun is
followed by the rerun). The text of every element drawn in the run is kept, so a caller
can check what a board member would have read; nothing is drawn.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

_FINISHED = ForwardMsg.ScriptFinishedStatus
#: Statuses that end a full run (a run ended early for a rerun is followed by that rerun).
_FULL_RUN_OVER = {_FINISHED.FINISHED_SUCCESSFULLY, _FINISHED.FINISHED_WITH_COMPILE_ERROR}
#: Element fields whose text a reader sees (headings, markdown, HTML, labels, alerts).
_TEXT_FIELDS = ("body", "label", "value", "message", "caption")


@dataclass(frozen=True)
class Page:
    """One entry of the app's navigation."""

    title: str
    script_hash: str
    url_path: str  # "" for the default page
    is_default: bool


@dataclass
class RunResult:
    """What one script run sent: how long it took and what a reader would see."""

    seconds: float
    status: str
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    page_not_found: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


def element_text(element: Element) -> str:
    """The readable text of one element (empty for charts, tables and spacing)."""
    kind = element.WhichOneof("type")
    if kind is None:
        return ""
    inner = getattr(element, kind)
    fields = inner.DESCRIPTOR.fields_by_name
    parts = []
    for name in _TEXT_FIELDS:
        if name in fields and fields[name].type == fields[name].TYPE_STRING:
            value = getattr(inner, name)
            if value:
                parts.append(value)
    return " ".join(parts)


class StreamlitSession:
    """One tab of the app over the websocket; one action at a time, as a person acts."""

    def __init__(self, base_url: str, *, timeout: float = 180.0) -> None:
        parsed = urlparse(base_url)
        scheme = "wss" if parsed.scheme == "https" else "ws"
        self.stream_url = f"{scheme}://{parsed.netloc}{parsed.path.rstrip('/')}/_stcore/stream"
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.pages: list[Page] = []
        self.page_hash = ""
        self.query_string = ""
        #: fragment id -> seconds between its automatic reruns (``st.fragment(run_every=)``).
        self.auto_reruns: dict[str, float] = {}
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._elements: dict[tuple[int, ...], Element] = {}
        self._finished: asyncio.Queue[int] = asyncio.Queue()
        self._page_not_found = False
        self._closed_error: BaseException | None = None

    # -- the actions -------------------------------------------------------------------

    async def open(self, path: str = "", query: str = "") -> RunResult:
        """A fresh page load of ``/path?query``: a new websocket (so a new session) and its
        first run. Closes the current connection first, as leaving the page would."""
        await self.close()
        self.pages, self.page_hash, self.query_string = [], "", query
        self.auto_reruns = {}
        self._closed_error = None
        self._ws = await connect(
            self.stream_url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,  # the server pings; the library answers on its own
        )
        self._reader = asyncio.create_task(self._read())
        state = ClientState(query_string=query, page_script_hash="", page_name=path.strip("/"))
        return await self._run(state)

    async def switch_page(self, page: Page) -> RunResult:
        """Click ``page`` in the sidebar navigation."""
        state = ClientState(query_string="", page_script_hash=page.script_hash)
        return await self._run(state)

    async def rerun_fragment(self, fragment_id: str) -> RunResult:
        """The frontend's timer firing for an ``auto_rerun`` fragment."""
        state = ClientState(
            query_string=self.query_string,
            page_script_hash=self.page_hash,
            fragment_id=fragment_id,
            is_auto_rerun=True,
        )
        return await self._run(state, fragment=True)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):  # closing anyway
                await self._reader
            self._reader = None

    async def __aenter__(self) -> StreamlitSession:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def current_page(self) -> Page | None:
        return next((p for p in self.pages if p.script_hash == self.page_hash), None)

    # -- the protocol ------------------------------------------------------------------

    async def _run(self, state: ClientState, *, fragment: bool = False) -> RunResult:
        if self._ws is None:
            raise ConnectionError("not connected: call open() first")
        while not self._finished.empty():  # nothing of an earlier run may end this one
            self._finished.get_nowait()
        self._page_not_found = False
        state.context_info.timezone = "Europe/London"
        state.context_info.locale = "en-GB"
        state.context_info.url = self.base_url
        start = time.perf_counter()
        if not fragment:
            self._elements = {}
        await self._ws.send(BackMsg(rerun_script=state).SerializeToString())
        deadline = start + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"no script_finished within {self.timeout:.0f} s")
            getter = asyncio.ensure_future(self._finished.get())
            done, _ = await asyncio.wait(
                {getter, self._reader},  # type: ignore[arg-type]
                timeout=remaining,
                return_when=asyncio.FIRST_COMPLETED,
            )
            if getter not in done:
                getter.cancel()
                if self._reader in done:
                    raise ConnectionError(f"websocket closed: {self._closed_error!r}")
                continue
            status = getter.result()
            if status in _FULL_RUN_OVER or (
                fragment and status == _FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
            ):
                break
        elements = [self._elements[k] for k in sorted(self._elements)]
        return RunResult(
            seconds=time.perf_counter() - start,
            status=_FINISHED.Name(status),
            texts=[t for t in map(element_text, elements) if t],
            exceptions=[
                f"{e.exception.type}: {e.exception.message}"
                for e in elements
                if e.WhichOneof("type") == "exception"
            ],
            page_not_found=self._page_not_found,
        )

    async def _read(self) -> None:
        assert self._ws is not None
        try:
            async for frame in self._ws:
                if isinstance(frame, bytes):
                    msg = ForwardMsg()
                    msg.ParseFromString(frame)
                    self._handle(msg)
        except Exception as error:  # noqa: BLE001 - reported by the run that waits
            self._closed_error = error
            raise

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self._elements = {}  # a full run starts: the frontend clears what it drew
            self.page_hash = msg.new_session.page_script_hash
            if msg.new_session.app_pages and not self.pages:
                self._set_pages(msg.new_session.app_pages)
        elif kind == "navigation":
            self._set_pages(msg.navigation.app_pages)
            if msg.navigation.page_script_hash:
                self.page_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._elements[tuple(msg.metadata.delta_path)] = msg.delta.new_element
        elif kind == "auto_rerun":
            self.auto_reruns[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
        elif kind == "page_not_found":
            self._page_not_found = True
        elif kind == "script_finished":
            self._finished.put_nowait(msg.script_finished)

    def _set_pages(self, app_pages) -> None:  # type: ignore[no-untyped-def]
        self.pages = [
            Page(p.page_name, p.page_script_hash, p.url_pathname, p.is_default)
            for p in app_pages
            if not p.is_hidden and not p.external_url
        ]
