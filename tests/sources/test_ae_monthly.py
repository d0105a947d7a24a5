"""A&E monthly reader against the real published files: England and regions equal the
published figures, the total row is never counted, revised editions outrank originals."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from impact.sources import ae_monthly
from impact.sources.regions import REGIONS
from tests.conftest import shared_path

#: The thirteen editions in the shared folder (Jun-2024 … Jun-2025, four of them revised).
EDITIONS = [
    "Monthly-AE-June-2024_copy.csv",
    "Monthly-AE-July-2024-revised.csv",
    "Monthly-AE-August-2024.csv",
    "Monthly-AE-September-2024.csv",
    "Monthly-AE-October-2024-revised.csv",
    "Monthly-AE-November-2024-revised.csv",
    "Monthly-AE-December-2024.csv",
    "Monthly-AE-January-2025.csv",
    "Monthly-AE-February-2025-revised.csv",
    "Monthly-AE-March-2025.csv",
    "Monthly-AE-April-2025.csv",
    "Monthly-AE-May-2025.csv",
    "Monthly-AE-June-2025-1-1.csv",
]


def edition(name: str) -> Path:
    return shared_path("data", "nhs-england", "ae-monthly-2024-25", name)


def england(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, tuple]:
    """The reader's England rows for one file, by metric id."""
    rel = ae_monthly.READER.outputs(con, path)["observations"]
    rows = rel.filter("org_code = 'ENG'").fetchall()
    assert len(rows) == len({r[0] for r in rows})
    return {r[0]: r for r in rows}


def total_row(path: Path) -> dict[str, float]:
    """The publication's own total row, read with the csv module (independent of the reader)."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            if row["Org Code"].strip().upper() == "TOTAL":
                return {
                    k: float(v)
                    for k, v in row.items()
                    if k and k[:1].isalpha() and v and v.replace(".", "").isdigit()
                }
    raise AssertionError(f"no total row in {path.name}")


@pytest.mark.parametrize(
    ("name", "published"),
    [("Monthly-AE-December-2024.csv", 71.1), ("Monthly-AE-March-2025.csv", 75.0)],
)
def test_england_four_hour_equals_published(con, name: str, published: float) -> None:
    row = england(con, edition(name))["ae_4hr_all"]
    assert round(row[3], 1) == published
    assert row[3] == pytest.approx(100 * row[4] / row[5])


@pytest.mark.parametrize("name", EDITIONS)
def test_england_sums_equal_the_published_total_row(con, name: str) -> None:
    path = edition(name)
    total = total_row(path)
    eng = england(con, path)
    attendances = sum(v for k, v in total.items() if k.startswith("A&E attendances"))
    over = sum(v for k, v in total.items() if k.startswith("Attendances over 4hrs"))
    type1 = total["A&E attendances Type 1"] + total["A&E attendances Booked Appointments Type 1"]
    type1_over = (
        total["Attendances over 4hrs Type 1"]
        + total["Attendances over 4hrs Booked Appointments Type 1"]
    )
    assert eng["ae_attendances"][3] == attendances
    assert eng["ae_4hr_all"][3] == pytest.approx(100 * (1 - over / attendances))
    assert eng["ae_4hr_type1"][3] == pytest.approx(100 * (1 - type1_over / type1))
    assert (
        eng["ae_12hr_dta"][3] == (total["Patients who have waited 12+ hrs from DTA to admission"])
    )
    assert eng["ae_4hr_dta"][3] == (
        total["Patients who have waited 4-12 hs from DTA to admission"]
        + total["Patients who have waited 12+ hrs from DTA to admission"]
    )
    assert eng["ae_emergency_admissions"][3] == sum(
        v for k, v in total.items() if k.startswith("Emergency admissions via A&E")
    )


def test_regions_cover_every_provider_and_sum_to_england(con) -> None:
    path = edition("Monthly-AE-September-2024.csv")  # extra blank columns, "Total " spelling
    rel = ae_monthly.READER.outputs(con, path)["observations"]
    rows = rel.filter("metric_id = 'ae_attendances'").fetchall()
    by_org = {r[1]: r[3] for r in rows}
    assert set(REGIONS) <= by_org.keys()
    assert sum(by_org[c] for c in REGIONS) == by_org["ENG"]
    providers = [v for k, v in by_org.items() if k not in REGIONS and k != "ENG"]
    assert sum(providers) == by_org["ENG"]
    assert "TOTAL" not in by_org and all(k == k.strip() for k in by_org)


def test_organisations_place_providers_under_regions_named_as_people_write_them(con) -> None:
    rel = ae_monthly.READER.outputs(con, edition("Monthly-AE-December-2024.csv"))
    orgs = {r[0]: r for r in rel["organisations"].fetchall()}
    assert orgs["ENG"][1:4] == ("England", "nation", None)
    assert orgs["Y58"][1:4] == ("NHS England South West", "region", "ENG")
    assert orgs["RH5"][1:4] == ("Somerset NHS Foundation Trust", "trust", "Y58")
    assert orgs["AQN04"][1:4] == ("PHL Lymington UTC", "other", "Y59")  # trailing-space region
    assert all(o[3] in REGIONS for o in orgs.values() if o[2] in ("trust", "other"))
    # Each provider keeps the line it came from, so a finding can name it.
    assert orgs["RH5"][4] > 1 and orgs["ENG"][4] is None


def test_revised_edition_has_the_same_keys_and_wins(con, tmp_path: Path) -> None:
    original = tmp_path / "Monthly-AE-December-2024.csv"
    revised = tmp_path / "Monthly-AE-December-2024-revised.csv"
    shutil.copy(edition("Monthly-AE-December-2024.csv"), original)
    text = original.read_text(encoding="utf-8")
    # The revision: Somerset's Type 1 attendances corrected upwards by 1,000.
    line = next(x for x in text.splitlines() if ",RH5," in x)
    cells = line.split(",")
    cells[4] = str(int(cells[4]) + 1000)
    revised.write_text(text.replace(line, ",".join(cells)), encoding="utf-8")

    assert ae_monthly.READER.priority(revised) > ae_monthly.READER.priority(original)
    editions = []
    for path in (original, revised):
        rel = ae_monthly.READER.outputs(con, path)["observations"]
        editions.append({(r[0], r[1], r[2]): r[3] for r in rel.fetchall()})
    assert editions[0].keys() == editions[1].keys()
    december = date(2024, 12, 1)
    for org in ("RH5", "Y58", "ENG"):
        key = ("ae_attendances", org, december)
        assert editions[1][key] == editions[0][key] + 1000
    # The store keeps the higher-priority edition on a duplicate key.
    winner = max((original, revised), key=ae_monthly.READER.priority)
    assert winner == revised
