"""What reading one file gives: its report, its findings and the rows it put in the cache.

These are plain dataclasses because they travel: the store keeps them per file, writes
them to the cache manifest as JSON (so a restart needs no CSV) and the Data page, the
``check`` command and the board pack read them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: A file's status, as the Data page and ``check`` show it.
OK = "ok"
ROWS_REJECTED = "rows rejected"
FILE_REJECTED = "file rejected"
NOT_RECOGNISED = "not recognised"
BEING_WRITTEN = "still being written"
BEING_WRITTEN_MESSAGE = (
    "the file changed while it was being read (still being copied?); "
    "it is read again once it stops changing"
)


@dataclass
class Finding:
    """One problem, in words an analyst can act on."""

    file: str
    line: int | None
    column: str
    value: str
    reason: str
    severity: str = "error"  # error | warning


@dataclass
class FileReport:
    """What the store made of one file (the Data page and ``check`` show this)."""

    path: str
    origin: str  # "data" or "catalogue"
    size: int
    mtime: float
    status: str
    contract: str | None = None
    reader: str | None = None
    rows_read: int = 0
    rows_rejected: int = 0
    first_period: str | None = None
    last_period: str | None = None
    organisations: int = 0
    closest_contract: str | None = None
    missing_columns: list[str] = field(default_factory=list)
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Output:
    """The good rows one file gave one contract, as a Parquet file in the cache."""

    contract: str
    parquet: str
    rows: int
    keys: list[str] | None  # distinct values of the first key column; None = too many
    key_from: str | None  # date range of the key's date column, if it has one
    key_to: str | None
    first_period: str | None = None
    last_period: str | None = None
    #: While the Parquet is still being written (see :mod:`impact.ingest.staging`): the
    #: in-memory table holding the rows, and this file's number in it. ``None`` once on disk.
    staged: str | None = None
    file_id: int | None = None


@dataclass
class FileResult:
    """Everything one file gave: report, findings, outputs by contract, and its standing.

    ``priority`` ranks editions of the same figures on a duplicate key (see
    :func:`impact.store.duplicates.rank`).
    """

    report: FileReport
    findings: list[Finding]
    outputs: dict[str, Output]
    priority: int = 0
    #: Why the rows could not be cached (they are served from memory); not kept on disk.
    cache_error: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "report": self.report.to_dict(),
            "findings": [asdict(f) for f in self.findings],
            "outputs": {k: asdict(v) for k, v in self.outputs.items()},
            "priority": self.priority,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> FileResult:
        return cls(
            report=FileReport(**raw["report"]),
            findings=[Finding(**f) for f in raw["findings"]],
            outputs={k: Output(**v) for k, v in raw["outputs"].items()},
            priority=raw["priority"],
        )
