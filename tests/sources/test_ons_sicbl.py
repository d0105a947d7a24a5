"""ONS sub-ICB → ICB → region lookup: every sub-ICB location sits under the ICB and every ICB
under the region the file gives (read here with the csv module), by their ODS codes."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from impact.sources import match_reader, ons_sicbl
from tests.conftest import shared_path
from tests.sources.conftest import header


def lookup() -> Path:
    return shared_path("data", "ods", "sicbl_icb_region_lookup_2022-07_ons.csv")


def test_every_location_and_icb_sits_under_the_parent_the_file_gives() -> None:
    path = lookup()
    assert match_reader(header(path)) is ons_sicbl.READER
    rel = ons_sicbl.READER.outputs(duckdb.connect(), path)["organisations"]
    got = {r[0]: r for r in rel.fetchall()}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 106
    for row in rows:
        assert got[row["SICBL22CDH"]][2:4] == ("other", row["ICB22CDH"])
        assert got[row["ICB22CDH"]][2:4] == ("icb", row["NHSER22CDH"])
    assert {r[0] for r in got.values() if r[2] == "icb"} == {r["ICB22CDH"] for r in rows}
    assert len([r for r in got.values() if r[2] == "icb"]) == 42
    assert got["Y63"][1:4] == ("NHS England North East and Yorkshire", "region", "ENG")
    assert got["02P"][1] == "NHS South Yorkshire ICB - 02P"


def test_a_later_edition_with_other_year_columns_is_read_the_same(tmp_path: Path) -> None:
    text = lookup().read_text(encoding="utf-8-sig").replace("22CD", "24CD").replace("22NM", "24NM")
    path = tmp_path / "lookup_2024.csv"
    path.write_text(text, encoding="utf-8")
    assert match_reader(header(path)) is ons_sicbl.READER
    rel = ons_sicbl.READER.outputs(duckdb.connect(), path)["organisations"]
    assert rel.count("*").fetchall() == [(156,)]
