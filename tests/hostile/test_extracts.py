"""The hostile corpus: each file gets its finding (file, line, column, reason), and a good
sibling file in the same folder still loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from impact.csv_safe import to_safe_csv
from impact.ingest import OK
from tests.extracts import findings_for, report, rows, write
from tests.hostile.corpus import (
    CASES,
    FORMULA,
    GOOD,
    METRICS,
    ORGS,
    PROJECTS_HEADER,
    SCRIPT,
    Case,
    project,
)


def drop(data_dir: Path, name: str, data: bytes) -> None:
    write(data_dir / "good.csv", GOOD)
    write(data_dir / "orgs.csv", ORGS)
    write(data_dir / "metrics.csv", METRICS)
    (data_dir / name).write_bytes(data)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file_gets_its_finding_and_the_good_file_still_loads(
    case: Case, data_dir: Path, fresh_store
) -> None:
    name = f"{case.name}.csv"
    drop(data_dir, name, case.data)
    store = fresh_store()

    errors = [f for f in findings_for(store, name) if case.reason in f[3]]
    assert errors, findings_for(store, name)
    line, column, _value, _reason = errors[0]
    assert (line, column) == (case.line, case.column)
    assert report(store, name).status != OK or case.column in ("metric_id", "org_code")
    assert report(store, "good.csv").status == OK
    assert rows(store, "SELECT count(*) FROM observations WHERE source_file = 'good.csv'") == [(2,)]
    from_hostile = rows(
        store,
        f"SELECT count(*) FROM observations WHERE source_file = '{name}' UNION ALL "
        f"SELECT count(*) FROM projects WHERE source_file = '{name}'",
    )
    assert sum(n for (n,) in from_hostile) == case.rows


def test_a_header_only_file_loads_no_rows_and_breaks_nothing(data_dir: Path, fresh_store) -> None:
    drop(data_dir, "header_only.csv", PROJECTS_HEADER.encode())
    store = fresh_store()
    assert report(store, "header_only.csv").status == OK
    assert report(store, "header_only.csv").rows_read == 0
    assert findings_for(store, "header_only.csv") == []
    assert rows(store, "SELECT count(*) FROM observations") == [(2,)]


def test_formulas_and_markup_in_text_are_kept_as_text_and_escaped_on_download(
    data_dir: Path, fresh_store
) -> None:
    title = '"' + FORMULA.replace('"', '""') + '"'
    drop(
        data_dir,
        "projects.csv",
        (PROJECTS_HEADER + project("P1", title) + project("P2", f'"{SCRIPT}"')).encode(),
    )
    store = fresh_store()
    assert report(store, "projects.csv").status == OK
    titles = rows(store, "SELECT title FROM projects ORDER BY project_id")
    assert titles == [(FORMULA,), (SCRIPT,)]  # stored exactly as written
    frame = store.cursor().execute("SELECT project_id, title FROM projects").df()
    text = to_safe_csv(frame).decode("utf-8-sig")
    assert "'" + FORMULA in text  # a spreadsheet shows it as text, never runs it
