"""Every reader is found by header, never claims one of our own contracts' headers, and
returns relations typed exactly as the contracts say."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from impact.contracts import CONTRACTS
from impact.sources import all_readers, match_reader

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
FILES = {
    "ae_monthly": SHARED / "nhs-england/ae-monthly-2024-25/Monthly-AE-September-2024.csv",
    "ae_tidy": SHARED / "nhs-england/ae_attendances_2016-04_to_2019-03.csv",
    "cancer_waiting_times": SHARED
    / "nhs-england/cancer-waiting-times/cwt_crs_provider_extract_2023-04_to_2023-10.csv",
    "gp_appointments": SHARED / "nhs-england/gp-appointments/Regional_CSV_Somerset_raw_sample.csv",
    "ods_trusts": SHARED / "ods/trusts_etr_2026-01.csv",
    "rtt": ROOT / "tests/fixtures/rtt_full_extract_sample.csv",
}


def header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return next(csv.reader(handle))


def available(name: str) -> Path:
    path = FILES[name]
    if not path.is_file():
        pytest.skip(f"published sample for {name} not present at {path}")
    return path


def test_every_reader_is_registered() -> None:
    assert {r.name for r in all_readers()} == set(FILES)


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_publication_is_recognised_by_exactly_its_reader(name: str) -> None:
    cells = header(available(name))
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


@pytest.mark.parametrize("name", sorted(FILES))
def test_outputs_carry_exactly_the_contract_columns_and_types(name: str) -> None:
    path = available(name)
    reader = next(r for r in all_readers() if r.name == name)
    outputs = reader.outputs(duckdb.connect(), path)
    assert outputs
    for contract_name, rel in outputs.items():
        contract = CONTRACTS[contract_name]
        columns = list(rel.columns)
        if columns[-1] == "source_line":
            columns = columns[:-1]
        assert tuple(columns) == contract.column_names
        types = [str(t) for t in rel.types][: len(columns)]
        assert types == [contract.column(c).type for c in columns]
        assert rel.count("*").fetchall()[0][0] > 0
        for key_column in contract.key:  # keys are never blank
            assert rel.filter(f"{key_column} IS NULL").count("*").fetchall() == [(0,)]
        keys = ", ".join(contract.key)
        dupes = rel.aggregate(f"{keys}, count(*) AS n").filter("n > 1")
        assert dupes.count("*").fetchall() == [(0,)], f"duplicate keys in {name}"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Monthly-AE-July-2024-revised.csv", -2), ("Monthly-AE-May-2025.csv", -3)],
)
def test_publication_priority_comes_from_the_file_name(name: str, expected: int) -> None:
    ae = next(r for r in all_readers() if r.name == "ae_monthly")
    assert ae.priority(Path(name)) == expected
