"""The "Download board pack" control: HTML and PDF of the view the board is looking at.

Building a pack takes a few seconds (every chart, plus Chromium for the PDF), so the
buttons hand Streamlit a function that builds the file only when clicked, from the filter
state of that moment. The pack is assembled by :func:`impact.pack.assemble_pack` from the
same store and board functions as the pages, so it shows the same answers.

The board's open questions are read from the question log when the control is drawn. If
the log cannot be read, the pack is still offered, and a warning above the buttons says
that it will leave the open questions out and why, as ``python -m impact pack`` does.

With sign-in on, the pack is built from the same scoped reads as the pages (no other
organisation's unpublished figures), and each download is recorded in the audit log.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime

import pandas as pd
import streamlit as st

from impact import config, pack
from impact.access import without_hidden
from impact.board import OrgBoard
from impact.calendar import month_key
from impact.pack import pdf
from impact.question_log import BoardQuestion, QuestionLogError, open_log
from impact.records.audit import DOWNLOADED_PACK, open_audit
from impact.store import Store
from impact.ui import data as state
from impact.ui.access import current_access

_LOG = logging.getLogger(__name__)


def _build_html(
    store: Store,
    org_code: str,
    period_from: date,
    period_to: date,
    peer_scope: str,
    questions: Sequence[BoardQuestion],
    hidden: frozenset[str] = frozenset(),
    board: OrgBoard | None = None,
) -> str:
    def query(name: str, **params: object) -> pd.DataFrame:
        return without_hidden(store.query(name, **params), hidden)

    content = pack.assemble_pack(
        query,
        org_code,
        period_from,
        period_to,
        files=store.files(),
        questions=questions,
        board=board,
        peer_scope=peer_scope,
        now=datetime.now(),
    )
    return pack.render_html(content)


def open_questions(org_code: str) -> tuple[list[BoardQuestion], str | None]:
    """The organisation's questions from the log, or none and the reason it could not be read."""
    try:
        return open_log(config.data_dir()).questions(org_code=org_code), None
    except QuestionLogError as error:
        return [], str(error)


def missing_questions_warning(reason: str) -> str:
    """What the board is told when the pack has to go without its open questions."""
    return (
        "The board pack will not include the board's open questions: the question log "
        f"could not be read ({reason})."
    )


def pack_file_name(org_code: str, period_from: date, period_to: date, suffix: str) -> str:
    """``board-pack-RXX01-2024-04-to-2025-03.pdf``: says what it holds when filed."""
    safe_org = "".join(c for c in org_code if c.isalnum() or c in "-_") or "org"
    return f"board-pack-{safe_org}-{month_key(period_from)}-to-{month_key(period_to)}.{suffix}"


def pack_download(
    org_code: str,
    period_from: date,
    period_to: date,
    *,
    peer_scope: str = "parent",
    key: str = "board-pack",
) -> None:
    """Two download buttons (HTML, PDF) for the board pack of this organisation and period.

    The buttons sit side by side at the left, in a row of their own width (not in two
    half-page columns, which left the PDF button floating mid-page).
    """
    store = state.get_store()
    hidden = state.hidden()
    actor = current_access().actor
    data_dir = config.data_dir()
    questions, problem = open_questions(org_code)
    if problem is not None:
        st.warning(missing_questions_warning(problem), icon=":material/warning:")

    # The page's own board (cached): the pack shows the same answers and need not build them.
    board = state.board(org_code, period_from, period_to)

    def html() -> str:
        return _build_html(
            store, org_code, period_from, period_to, peer_scope, questions, hidden, board
        )

    def recorded(suffix: str, body: bytes) -> bytes:
        """The file, once its download is in the audit log (built when clicked)."""
        name = pack_file_name(org_code, period_from, period_to, suffix)
        try:
            open_audit(data_dir).record(actor, DOWNLOADED_PACK, name)
        except Exception:  # noqa: BLE001 - the board still gets its pack; the fault is logged
            _LOG.exception("Could not record the download of %s in the audit log", name)
        return body

    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    row.download_button(
        "Download board pack (HTML)",
        data=lambda: recorded("html", html().encode("utf-8")),
        file_name=pack_file_name(org_code, period_from, period_to, "html"),
        mime="text/html",
        on_click="ignore",
        key=f"{key}-html",
        icon=":material/download:",
        help="One self-contained file: opens offline, charts stay interactive.",
    )
    pdf_button = {
        "label": "Download board pack (PDF)",
        "file_name": pack_file_name(org_code, period_from, period_to, "pdf"),
        "key": f"{key}-pdf",
        "icon": ":material/download:",
    }
    try:
        pdf.find_chromium()
    except pdf.ChromiumNotFound as missing:
        row.download_button(data=b"", disabled=True, **pdf_button)
        st.caption(str(missing))
        return
    row.download_button(
        data=lambda: recorded("pdf", pdf.html_to_pdf(html())),
        mime="application/pdf",
        on_click="ignore",
        help="A4 landscape, one priority per section, page numbers on every page.",
        **pdf_button,
    )
