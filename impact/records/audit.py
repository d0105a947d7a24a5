"""The audit log: who signed in, uploaded which file, changed which question, downloaded
which pack, and when.

Append-only by construction: the API can add and read entries, never change or remove
one, and an entry written together with the change it describes (a question edit) is in
the same transaction, so the log never claims a change that did not land. Times are UTC.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime

import pandas as pd

from impact.csv_safe import to_safe_csv
from impact.records import open_backend
from impact.records.backend import Backend, Transaction

#: Who did it when nobody is signed in (the app runs open without an ``[auth]`` section).
ANONYMOUS = "anonymous"
SIGNED_IN = "signed in"
UPLOADED = "uploaded"
DOWNLOADED_PACK = "downloaded pack"
#: Question changes are ``question <action>``: added, edited, answered, deleted, imported.
QUESTION_PREFIX = "question "
#: Longest text kept in one field, so a hostile value cannot bloat the log.
MAX_TEXT = 2000


def utc_now() -> datetime:
    """Now in UTC, without a zone (both backends store ``TIMESTAMP`` as UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class AuditEntry:
    """One entry as stored."""

    entry_id: int
    recorded_at: datetime
    actor: str
    action: str
    target: str | None
    detail: str | None


def _short(text: str | None) -> str | None:
    return None if text is None else str(text)[:MAX_TEXT]


def record_in(
    tx: Transaction,
    actor: str | None,
    action: str,
    target: str | None,
    detail: str | None = None,
    at: datetime | None = None,
) -> None:
    """Append an entry inside an open transaction (it commits with the change it describes)."""
    tx.execute(
        "audit_log_insert",
        recorded_at=at or utc_now(),
        actor=_short((actor or "").strip() or ANONYMOUS),
        action=_short(action),
        target=_short(target),
        detail=_short(detail),
    )


class AuditLog:
    """The audit log of one backend."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def record(
        self, actor: str | None, action: str, target: str | None, detail: str | None = None
    ) -> None:
        """Append one entry in its own transaction."""
        with self.backend.transaction() as tx:
            record_in(tx, actor, action, target, detail)

    def entries(self, *, actor: str | None = None, action: str | None = None) -> list[AuditEntry]:
        """Every entry, oldest first; ``None`` filters mean any."""
        if not self.backend.exists():
            return []
        with self.backend.transaction(write=False) as tx:
            rows = tx.execute("audit_log_list", actor=actor, action=action)
        return [AuditEntry(*row) for row in rows]

    def export_csv(self, **filters: str | None) -> bytes:
        """The log as CSV bytes (formula-neutralised: actors and targets are user text)."""
        columns = [f.name for f in fields(AuditEntry)]
        frame = pd.DataFrame([asdict(e) for e in self.entries(**filters)], columns=columns)
        frame["recorded_at"] = [f"{v:%Y-%m-%dT%H:%M:%S}Z" for v in frame["recorded_at"]]
        return to_safe_csv(frame.astype(object))


def open_audit(data_dir: str | os.PathLike[str] | None = None) -> AuditLog:
    """The audit log of the data folder, or of ``IMPACT_DATABASE_URL`` when set."""
    return AuditLog(open_backend(data_dir))
