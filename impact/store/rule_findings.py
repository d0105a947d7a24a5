"""Targets whose figure cannot be worked out, worded for an analyst.

A relative target (``target_rule = improve_on_baseline``) is computed per organisation from
its own value in the baseline month, so it needs more than its own file: an organisation
with figures within the target's dates but none for the baseline month has no computed
target (the national ``target_value`` starting on the same date, if any, applies to it
instead; :mod:`impact.board.targets`). A row with neither a value nor a rule, or a rule
without its baseline month or improvement, sets no target at all. Each finding names the
target row's file and line; the rest of the targets are unaffected.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import duckdb

from impact import sql
from impact.calendar import month_long
from impact.ingest import Finding
from impact.store.findings import examples

#: Where a target row is: (file, column → text as written) → its line, if found.
LocateRow = Callable[[str, dict[str, str]], int | None]


def _key(metric_id: str, org_code: str | None, effective_from: date, rule: str | None) -> dict:
    return {
        "metric_id": metric_id,
        "org_code": org_code or "",
        "effective_from": f"{effective_from:%Y-%m-%d}",
        "target_rule": rule or "",
    }


def relative_target_findings(
    cur: duckdb.DuckDBPyConnection, locate: LocateRow | None = None
) -> list[Finding]:
    """One warning per target row whose figure cannot be worked out (and for whom)."""
    out: list[Finding] = []
    rows = sql.relation(cur, "findings_relative_targets").fetchall()
    for file, metric_id, org, start, rule, problem, baseline, orgs, count in rows:
        line = locate(file, _key(metric_id, org, start, rule)) if locate else None
        which = f"the `{metric_id}` target from {start:%Y-%m-%d}"
        if problem == "no_value":
            column, value = "target_value", ""
            reason = f"{which} has neither a `target_value` nor a `target_rule`: it sets no target"
        elif problem == "incomplete_rule":
            column, value = "baseline_period" if baseline is None else "improvement", ""
            reason = (
                f"{which} is `{rule}` but lacks `baseline_period` or `improvement`: "
                "its target cannot be computed for any organisation"
            )
        else:
            column, value = "baseline_period", f"{baseline:%Y-%m-%d}"
            reason = (
                f"{which} is set from each organisation's own figure for "
                f"{month_long(baseline)}, but {count} organisation(s) with figures in its "
                f"dates have none for that month ({examples(list(orgs))}): their target "
                "cannot be computed (a national `target_value` starting the same day applies "
                "to them instead, if there is one)"
            )
        out.append(Finding(file, line, column, value, reason, "warning"))
    return out
