"""``python -m impact check [DIR]``: validate every extract before the dashboard sees it.

Analysts run it before dropping files in; pipelines run it in CI. It prints, per file,
the contract (or publication) matched, rows read and rejected with line, column and
reason, and the periods covered. The exit code is 1 when any row or file is rejected or
a file is not recognised, or an observation names a metric or organisation nothing
defines (those rows are not used), 0 otherwise; warnings never fail it.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import pandas as pd

from impact import config
from impact.ingest import NOT_RECOGNISED, OK, ROWS_REJECTED
from impact.store import Store

HELP = "Validate every extract in the data folder and report per file (exit 1 on any rejection)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", nargs="?", help="data folder (default: IMPACT_DATA_DIR or data/)")
    parser.add_argument("--data", help="data folder (same as DIR)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def build_report(store: Store) -> dict[str, Any]:
    """The check result as plain data (what ``--json`` prints)."""
    findings = store.findings()
    files = []
    for report in store.files():
        mine = findings[findings["file"] == report.path]
        entry = report.to_dict()
        entry["findings"] = [_finding(row) for row in mine.to_dict("records")]
        if entry["status"] == OK and any(f["severity"] == "error" for f in entry["findings"]):
            # Rows naming an id nothing defines are found across files, after the read.
            entry["status"] = ROWS_REJECTED
        files.append(entry)
    other = findings[~findings["file"].isin([r.path for r in store.files()])]
    failed = [f["path"] for f in files if f["status"] != OK]
    return {
        "data_dir": str(store.data_dir),
        "ok": not failed,
        "files_checked": len(files),
        "files_failed": failed,
        "rows_read": sum(f["rows_read"] for f in files),
        "rows_rejected": sum(f["rows_rejected"] for f in files),
        "files": files,
        "other_findings": [_finding(row) for row in other.to_dict("records")],
    }


def _finding(row: dict[str, Any]) -> dict[str, Any]:
    line = row["line"]
    return {
        "line": None if pd.isna(line) else int(line),
        "column": row["column"],
        "value": row["value"],
        "reason": row["reason"],
        "severity": row["severity"],
    }


def _print_text(report: dict[str, Any]) -> None:
    print(f"Data folder: {report['data_dir']}")
    for f in report["files"]:
        matched = f["contract"] or "—"
        if f["reader"]:
            matched = f"{f['reader']} → {matched}"
        periods = (
            f", periods {f['first_period']} to {f['last_period']}" if f["first_period"] else ""
        )
        print(f"\n{f['path']}  [{f['status']}]")
        if f["status"] == NOT_RECOGNISED:
            print(f"  {f['message']}")
            continue
        else:
            print(
                f"  matched: {matched}; rows read {f['rows_read']}, "
                f"rejected {f['rows_rejected']}{periods}"
            )
        for item in f["findings"]:
            where = f"line {item['line']}" if item["line"] is not None else "file"
            column = f", column {item['column']}" if item["column"] else ""
            print(f"  {item['severity']}: {where}{column}: {item['reason']}")
    for item in report["other_findings"]:
        print(f"warning: {item['reason']}")
    verdict = "OK" if report["ok"] else f"FAILED: {len(report['files_failed'])} file(s)"
    print(
        f"\n{report['files_checked']} file(s), {report['rows_read']} row(s) read, "
        f"{report['rows_rejected']} rejected. {verdict}"
    )


def run(args: argparse.Namespace) -> int:
    folder = config.data_dir(args.data or args.dir)
    if not folder.is_dir():
        print(f"No such data folder: {folder}", file=sys.stderr)
        return 2
    store = Store(folder, config.cache_dir())
    report = build_report(store)
    if args.json:
        print(json.dumps(report, indent=2, default=str))
    else:
        _print_text(report)
    return 0 if report["ok"] else 1
