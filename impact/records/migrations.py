"""The records' schema, created and brought up to date when a backend first opens.

Each migration is one named SQL file, ``queries/records_migration_<NNN>_<what>.sql``,
applied in order inside one transaction that also notes its number in
``records_schema_version``; a database already at the newest version does nothing. On
PostgreSQL an advisory lock makes replicas starting together migrate one at a time. A new
migration is a new file and a new row in :data:`MIGRATIONS`: never edit an applied one.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from impact.records.backend import Transaction
from impact.sql import load_sql

#: (version, query name), in the order they apply.
MIGRATIONS: tuple[tuple[int, str], ...] = (
    (1, "records_migration_001_questions"),
    (2, "records_migration_002_history_audit"),
)
LATEST = MIGRATIONS[-1][0]

_STATEMENT_END = re.compile(r";\s*\n")


def statements(name: str) -> list[str]:
    """The statements of one migration file (drivers run one statement per call)."""
    text = "\n".join(
        line for line in load_sql(name).splitlines() if not line.lstrip().startswith("--")
    )
    return [part.strip() for part in _STATEMENT_END.split(text + "\n") if part.strip()]


def migrate(tx: Transaction) -> int:
    """Apply every migration newer than the database's version; the version reached."""
    tx.execute("migration_lock")
    tx.execute("records_version_create")
    current = int(tx.execute("records_version_current")[0][0])
    for version, name in MIGRATIONS:
        if version <= current:
            continue
        tx.run_script(name)
        tx.execute(
            "records_version_insert",
            version=version,
            applied_at=datetime.now(UTC).replace(tzinfo=None),
        )
    return max(current, LATEST)
