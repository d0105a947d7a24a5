"""AmbSYS reader against the real monthly CSV: every organisation's Category 1 and 2 mean and
90th centile equal the file's own cells (read here with the csv module) in minutes, and
England's Category 2 mean for July 2024 is the published 33 min 24 s."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import duckdb
import pytest

from impact.sources import ambsys, match_reader
from impact.sources.publication import MissingColumns
from tests.conftest import shared_path
from tests.sources.conftest import header

CODES = {
    "amb_cat1_mean": "A25",
    "amb_cat1_90th": "A26",
    "amb_cat2_mean": "A31",
    "amb_cat2_90th": "A32",
}
CHECKED = ("Eng", "Y60", "RRU", "RX7", "RYA")  # England, Midlands and three ambulance trusts


def ambsys_file() -> Path:
    return shared_path("data", "nhs-england", "ambsys", "AmbSYS-to-Mar-2026-UI7FG.csv")


def independent(path: Path) -> dict[tuple[str, str, date], float]:
    out: dict[tuple[str, str, date], float] = {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if row["Org Code"] not in CHECKED:
                continue
            month = date(int(row["Year"]), int(row["Month"]), 1)
            for metric, code in CODES.items():
                if row[code].strip() not in ("", "."):
                    out[(metric, row["Org Code"].upper(), month)] = float(row[code]) / 60
    return out


@pytest.fixture(scope="module")
def outputs() -> dict[str, list[tuple]]:
    rels = ambsys.READER.outputs(duckdb.connect(), ambsys_file())
    return {name: rel.fetchall() for name, rel in rels.items()}


def test_the_file_is_recognised_by_its_header() -> None:
    assert match_reader(header(ambsys_file())) is ambsys.READER


def test_england_region_and_trusts_equal_the_files_own_cells(outputs) -> None:
    expected = independent(ambsys_file())
    got = {
        (r[0], r[1], r[2]): r[3]
        for r in outputs["observations"]
        if r[1] in {c.upper() for c in CHECKED}
    }
    assert set(got) == set(expected)
    assert all(got[k] == pytest.approx(v, abs=1e-9) for k, v in expected.items())
    assert len({k[2] for k in expected}) > 100  # Aug-2017 to Mar-2026


def test_england_category_2_mean_july_2024_is_the_published_33_min_24_s(outputs) -> None:
    got = {(r[0], r[1], r[2]): r[3] for r in outputs["observations"]}
    assert got[("amb_cat2_mean", "ENG", date(2024, 7, 1))] == pytest.approx(33 + 24 / 60)


def test_trusts_sit_under_their_region_and_regions_under_england(outputs) -> None:
    orgs = {r[0]: r for r in outputs["organisations"]}
    assert orgs["RRU"][1:4] == ("London Ambulance Service NHS Trust", "trust", "Y56")
    assert orgs["RYA"][3] == "Y60"
    assert orgs["Y60"][1:4] == ("NHS England Midlands", "region", "ENG")
    assert orgs["ENG"][2] == "nation"
    assert sum(1 for r in orgs.values() if r[2] == "trust") == 11  # 10 services and Isle of Wight


@pytest.mark.parametrize("dropped", sorted(ambsys.CODES))
def test_a_missing_code_column_is_named(tmp_path: Path, dropped: str) -> None:
    with ambsys_file().open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))[:40]
    index = rows[0].index(dropped)
    path = tmp_path / "ambsys.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([r[:index] + r[index + 1 :] for r in rows])
    assert match_reader(header(path)) is ambsys.READER
    with pytest.raises(MissingColumns, match=f"no column {dropped} "):
        ambsys.READER.outputs(duckdb.connect(), path)
