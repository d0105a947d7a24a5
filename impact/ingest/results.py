"""What reading one file gives: its report, its findings and the rows it put in the cache.

These are plain dataclasses because they travel: the store keeps them per file, writes
them to the cache manifest as JSON (so a restart needs no CSV) and the Data page, the
``check`` command and the board pack read them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from impact.ingest.file_stat import FileStat

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


#: Findings kept per file; the count of rejected rows is always exact.
MAX_FINDINGS_PER_FILE = 1000


def new_report(stat: FileStat, origin: str = "data") -> FileReport:
    """The report of a file about to be read: ok until something says otherwise."""
    return FileReport(
        path=stat.rel, origin=origin, size=stat.size, mtime=stat.mtime_ns / 1e9, status=OK
    )


def file_problem(report: FileReport, status: str, message: str) -> FileResult:
    """The result for a file whose problem is with the file as a whole: no rows used."""
    report.status = status
    report.message = message
    return FileResult(report, [Finding(report.path, None, "", "", message)], {})


def finish_report(
    report: FileReport,
    rows_read: int,
    rows_rejected: int,
    period_ranges: list[tuple[str | None, str | None]],
    organisations: int,
    findings: list[Finding],
) -> list[Finding]:
    """Fill in a read file's report; return its findings in line order, capped."""
    report.rows_read = rows_read
    report.rows_rejected = rows_rejected
    periods = [p for o in period_ranges for p in o if p]
    report.first_period = min(periods) if periods else None
    report.last_period = max(periods) if periods else None
    report.organisations = organisations
    if rows_rejected:
        report.status = ROWS_REJECTED
        report.message = f"{rows_rejected} of {rows_read} row(s) rejected"
    findings = sorted(findings, key=lambda f: f.line or 0)
    if len(findings) > MAX_FINDINGS_PER_FILE:
        extra = len(findings) - MAX_FINDINGS_PER_FILE
        findings = findings[:MAX_FINDINGS_PER_FILE]
        findings.append(
            Finding(report.path, None, "", "", f"… and {extra} more problem(s) not listed here")
        )
    return findings
