"""The audit log page, for admins: every sign-in, upload, question change and pack download.

An admin answering "who changed this answer?" or "who downloaded the pack before the
meeting?" reads it here, filtered by person or action, and exports it as a CSV
(formula-neutralised: names and file names are user text). The log itself is
append-only (:mod:`impact.records.audit`); this page only reads it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact import config
from impact.records.audit import AuditLog, open_audit
from impact.ui.access import current_access

PAGE_TITLE = "Audit log"
#: The "any" choice of the filters.
ANY = "Anyone / any action"


def _log() -> AuditLog:
    return open_audit(config.data_dir())


def _frame(log: AuditLog, actor: str | None, action: str | None) -> pd.DataFrame:
    rows = [
        {
            "When (UTC)": f"{e.recorded_at:%Y-%m-%d %H:%M:%S}",
            "Who": e.actor,
            "Action": e.action,
            "What": e.target or "",
            "Detail": e.detail or "",
        }
        for e in reversed(log.entries(actor=actor, action=action))
    ]
    return pd.DataFrame(rows, columns=["When (UTC)", "Who", "Action", "What", "Detail"])


def render() -> None:
    """Draw the audit log, newest first, or say that only admins may read it."""
    st.title(PAGE_TITLE)
    access = current_access()
    if not access.can_audit:
        st.error("The audit log is for the dashboard's administrators only.")
        return
    log = _log()
    everything = log.entries()
    st.caption(
        f"{len(everything)} entries, newest first. Entries are only ever added: nobody, "
        "admins included, can change or remove one."
    )
    left, right = st.columns(2)
    actors = [ANY, *sorted({e.actor for e in everything})]
    actions = [ANY, *sorted({e.action for e in everything})]
    actor = left.selectbox("Who", actors, key="audit-actor")
    action = right.selectbox("Action", actions, key="audit-action")
    chosen = {"actor": None if actor == ANY else actor, "action": None if action == ANY else action}
    frame = _frame(log, **chosen)
    if frame.empty:
        st.info("No entries match.")
    else:
        st.dataframe(frame, hide_index=True, width="stretch")
    st.download_button(
        "Download the audit log (CSV)",
        data=log.export_csv(**chosen),
        file_name="audit_log.csv",
        mime="text/csv",
        on_click="ignore",
        key="audit-export",
        icon=":material/download:",
    )
