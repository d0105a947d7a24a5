"""The Data page's inventory, in words: what each file was read as, its rows and periods.

Analysts keep the dashboard fed, so the page lists every extract (recognised as which
contract or reader, rows read and rejected, periods and organisations, stale or not),
totals per contract, and every finding with headed columns. The words are set here so the
page only draws them; the stale rule itself is :mod:`impact.data_status`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from impact import contracts
from impact.ingest import NOT_RECOGNISED, FileReport

#: Finding columns as the Data page heads them, in order.
FINDING_HEADINGS: dict[str, str] = {
    "line": "Line",
    "column": "Column",
    "value": "Value",
    "reason": "Reason",
}


def folder_label(data_dir: str | Path) -> str:
    """The data folder as a viewer may see it: its name only, never the server's full path.

    Everyone who can open the dashboard sees the Data page, so the server's directory
    layout (user names, mount points) must not appear on it.
    """
    return Path(data_dir).name or "data"


def when_text(mtime: float | None) -> str:
    """A file time (seconds since the epoch) as the inventory shows it, in local time."""
    return "—" if mtime is None else f"{dt.datetime.fromtimestamp(mtime):%d %b %Y %H:%M}"


def matched_words(report: FileReport) -> str:
    """What a file was recognised as: a contract, ``reader → contract``, or not recognised."""
    if report.status == NOT_RECOGNISED or not (report.contract or report.reader):
        return "not recognised"
    if report.reader:
        return f"{report.reader} → {report.contract or '—'}"
    return str(report.contract)


def closest_words(report: FileReport) -> str:
    """For an unrecognised file, the nearest contract and the columns it lacks; else blank."""
    if report.status != NOT_RECOGNISED or not report.closest_contract:
        return ""
    missing = ", ".join(report.missing_columns) or "—"
    return f"{report.closest_contract} (lacks {missing})"


def periods_words(report: FileReport) -> str:
    """The periods a file covers: one period, ``first to last``, or ``—`` when none."""
    if not report.first_period:
        return "—"
    if report.first_period == report.last_period:
        return str(report.first_period)
    return f"{report.first_period} to {report.last_period}"


def shows_only_demo(reports: list[FileReport]) -> bool:
    """Whether every extract read from the data folder is the shipped demo set."""
    data_files = [r for r in reports if r.origin == "data"]
    return bool(data_files) and all(r.path.startswith("demo/") for r in data_files)


def inventory_frame(reports: list[FileReport], stale: dict[str, bool]) -> pd.DataFrame:
    """One row per file, in the order and words the Data page shows.

    ``stale`` is :func:`stale_files`' verdict; a file it does not judge (not observations)
    shows ``—`` rather than "no", because staleness does not apply to it.
    """
    return pd.DataFrame(
        {
            "File": [r.path for r in reports],
            "Contract": [matched_words(r) for r in reports],
            "Closest contract (missing columns)": [closest_words(r) for r in reports],
            "Status": [r.status for r in reports],
            "Rows read": [r.rows_read for r in reports],
            "Rows rejected": [r.rows_rejected for r in reports],
            "Periods": [periods_words(r) for r in reports],
            "Organisations": [r.organisations for r in reports],
            "Last modified": [when_text(r.mtime) for r in reports],
            "Stale": [
                ("yes" if stale[r.path] else "no") if r.path in stale else "—" for r in reports
            ],
        }
    )


def totals_frame(reports: list[FileReport]) -> pd.DataFrame:
    """Files, rows read and rows rejected per contract, in contract order (unrecognised last)."""
    rows = [
        {
            "Contract": r.contract or "not recognised",
            "Files": 1,
            "Rows read": r.rows_read,
            "Rows rejected": r.rows_rejected,
        }
        for r in reports
    ]
    if not rows:
        return pd.DataFrame(columns=["Contract", "Files", "Rows read", "Rows rejected"])
    order = {name: i for i, name in enumerate(contracts.CONTRACTS)}
    frame = pd.DataFrame(rows).groupby("Contract", as_index=False).sum()
    return frame.sort_values("Contract", key=lambda s: s.map(order).fillna(len(order)))


def findings_table(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings as the Data page lists them: headed columns, the line as text (``—`` if none)."""
    out = findings[list(FINDING_HEADINGS)].rename(columns=FINDING_HEADINGS)
    out["Line"] = out["Line"].map(lambda v: "—" if pd.isna(v) else str(int(v)))
    return out
