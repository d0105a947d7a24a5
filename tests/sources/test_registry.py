"""Every reader is found by header, never claims one of our own contracts' headers, states
exactly the parameters its statements take, and returns rows the contracts accept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from python_calamine import CalamineWorkbook

from impact.contracts import CONTRACTS
from impact.sources import all_readers, match_reader
from impact.sql import ident, load_sql, parameter_names
from tests.conftest import shared_path
from tests.sources.conftest import FIXTURES, header

#: One published file per reader: (where it is, path parts).
FILES: dict[str, Callable[[], Path]] = {
    "ae_monthly": lambda: shared_path(
        "data", "nhs-england", "ae-monthly-2024-25", "Monthly-AE-September-2024.csv"
    ),
    "ambsys": lambda: shared_path("data", "nhs-england", "ambsys", "AmbSYS-to-Mar-2026-UI7FG.csv"),
    "ae_tidy": lambda: shared_path("data", "nhs-england", "ae_attendances_2016-04_to_2019-03.csv"),
    "cancer_waiting_times": lambda: shared_path(
        "data",
        "nhs-england",
        "cancer-waiting-times",
        "cwt_crs_provider_extract_2023-04_to_2023-10.csv",
    ),
    "gp_appointments": lambda: shared_path(
        "data", "nhs-england", "gp-appointments", "Regional_CSV_Somerset_raw_sample.csv"
    ),
    "dm01": lambda: shared_path(
        "data", "nhs-england", "dm01", "Monthly-Diagnostics-Web-File-Provider-January-2025.xls"
    ),
    "ons_sicbl": lambda: shared_path("data", "ods", "sicbl_icb_region_lookup_2022-07_ons.csv"),
    "ods_trusts": lambda: shared_path("data", "ods", "trusts_etr_2026-01.csv"),
    "rtt": lambda: FIXTURES / "rtt_full_extract_sample.csv",
}


def reader(name: str):
    return next(r for r in all_readers() if r.name == name)


def test_every_reader_is_registered() -> None:
    assert {r.name for r in all_readers()} == set(FILES)


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_statement_is_declared_with_exactly_the_parameters_its_sql_names(name) -> None:
    spec = reader(name).spec
    assert spec is not None, "every reader is declared"
    for layout in spec.layouts:
        assert set(layout.outputs) <= set(CONTRACTS)
        for statement in layout.statements():
            assert parameter_names(load_sql(statement.query)) == set(statement.params)


CSV_FILES = sorted(n for n in FILES if n != "dm01")


def test_a_workbook_is_recognised_by_its_sheets_by_exactly_its_reader() -> None:
    sheets = CalamineWorkbook.from_path(str(FILES["dm01"]())).sheet_names
    assert [r.name for r in all_readers() if r.form == "workbook" and r.matches(sheets)] == ["dm01"]
    assert match_reader(sheets) is None


@pytest.mark.parametrize("name", CSV_FILES)
def test_each_publication_is_recognised_by_exactly_its_reader(name: str) -> None:
    cells = header(FILES[name]())
    assert [r.name for r in all_readers() if r.matches(cells)] == [name]
    # Header cells may come with different case, padding and a byte-order mark.
    messy = ["\ufeff" + cells[0].upper()] + [f" {c.upper()}  " for c in cells[1:]]
    assert match_reader(messy).name == name


@pytest.mark.parametrize("contract", sorted(CONTRACTS))
def test_our_own_contract_headers_are_never_claimed(contract: str) -> None:
    c = CONTRACTS[contract]
    assert match_reader(list(c.column_names)) is None
    assert match_reader(list(c.required_names)) is None


def test_unrelated_headers_are_not_claimed() -> None:
    assert match_reader(["month_start", "att_all", "within_4h", "over_4h"]) is None
    assert match_reader([]) is None


def _lost_in_the_cast(rel: duckdb.DuckDBPyRelation, column: str, type_: str) -> int:
    """Rows whose value the store's cast to the contract type would turn into NULL."""
    col = ident(column)
    lost = rel.filter(f"{col} IS NOT NULL AND TRY_CAST({col} AS {type_}) IS NULL")
    return lost.count("*").fetchall()[0][0]


@pytest.mark.parametrize("name", sorted(FILES))
def test_outputs_are_rows_the_contracts_accept(name: str) -> None:
    """What the store relies on: the contract's columns (plus ``source_line``), each value
    castable to the contract's type, every key present and no key twice."""
    con = duckdb.connect()
    outputs = reader(name).outputs(con, FILES[name]())
    assert outputs
    for contract_name, lazy in outputs.items():
        lazy.create(contract_name)  # read the file once, then check the rows
        rel = con.table(contract_name)
        contract = CONTRACTS[contract_name]
        columns = set(rel.columns) - {"source_line"}
        assert columns <= set(contract.column_names), f"columns no contract has in {name}"
        assert set(contract.required_names) <= columns
        for column in columns:
            assert _lost_in_the_cast(rel, column, contract.column(column).type) == 0, column
        if "source_line" in rel.columns:
            assert _lost_in_the_cast(rel, "source_line", "BIGINT") == 0
        assert rel.count("*").fetchall()[0][0] > 0
        for key_column in contract.key:  # keys are never blank
            assert rel.filter(f"{ident(key_column)} IS NULL").count("*").fetchall() == [(0,)]
        keys = ", ".join(ident(k) for k in contract.key)
        dupes = rel.aggregate(f"{keys}, count(*) AS n").filter("n > 1")
        assert dupes.count("*").fetchall() == [(0,)], f"duplicate keys in {name}"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Monthly-AE-July-2024-revised.csv", -2), ("Monthly-AE-May-2025.csv", -3)],
)
def test_publication_priority_comes_from_the_file_name(name: str, expected: int) -> None:
    assert reader("ae_monthly").priority(Path(name)) == expected
