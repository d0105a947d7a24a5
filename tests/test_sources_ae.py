"""A&E readers against the real published files: England and regions equal the published
figures, the total row is never counted, revised editions outrank originals."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from impact.sources import ae_monthly, ae_tidy
from impact.sources._common import REGIONS

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "nhs-england"
AE_DIR = SHARED / "ae-monthly-2024-25"
needs_shared = pytest.mark.skipif(
    not AE_DIR.is_dir(), reason=f"published A&E files not present at {AE_DIR}"
)


@pytest.fixture()
def con() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


def header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return next(csv.reader(handle))


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


@needs_shared
@pytest.mark.parametrize(
    ("name", "published"),
    [("Monthly-AE-December-2024.csv", 71.1), ("Monthly-AE-March-2025.csv", 75.0)],
)
def test_england_four_hour_equals_published(con, name: str, published: float) -> None:
    row = england(con, AE_DIR / name)["ae_4hr_all"]
    assert round(row[3], 1) == published
    assert row[3] == pytest.approx(100 * row[4] / row[5])


@needs_shared
@pytest.mark.parametrize(
    "path", sorted(AE_DIR.glob("*.csv")) if AE_DIR.is_dir() else [], ids=lambda p: p.name
)
def test_england_sums_equal_the_published_total_row(con, path: Path) -> None:
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


@needs_shared
def test_regions_cover_every_provider_and_sum_to_england(con) -> None:
    path = AE_DIR / "Monthly-AE-September-2024.csv"  # extra blank columns, "Total " spelling
    rel = ae_monthly.READER.outputs(con, path)["observations"]
    rows = rel.filter("metric_id = 'ae_attendances'").fetchall()
    by_org = {r[1]: r[3] for r in rows}
    assert set(REGIONS) <= by_org.keys()
    assert sum(by_org[c] for c in REGIONS) == by_org["ENG"]
    providers = [v for k, v in by_org.items() if k not in REGIONS and k != "ENG"]
    assert sum(providers) == by_org["ENG"]
    assert "TOTAL" not in by_org and all(k == k.strip() for k in by_org)


@needs_shared
def test_organisations_place_providers_under_regions(con) -> None:
    rel = ae_monthly.READER.outputs(con, AE_DIR / "Monthly-AE-December-2024.csv")
    orgs = {r[0]: r for r in rel["organisations"].fetchall()}
    assert orgs["ENG"][1:4] == ("ENGLAND", "nation", None)
    assert orgs["Y58"][1:4] == ("NHS ENGLAND SOUTH WEST", "region", "ENG")
    assert orgs["RH5"][1:4] == ("SOMERSET NHS FOUNDATION TRUST", "trust", "Y58")
    assert orgs["AQN04"][1:4] == ("PHL LYMINGTON UTC", "other", "Y59")  # trailing-space region
    assert all(o[3] in REGIONS for o in orgs.values() if o[2] in ("trust", "other"))


@needs_shared
def test_revised_edition_has_the_same_keys_and_wins(con, tmp_path: Path) -> None:
    original = tmp_path / "Monthly-AE-December-2024.csv"
    revised = tmp_path / "Monthly-AE-December-2024-revised.csv"
    shutil.copy(AE_DIR / "Monthly-AE-December-2024.csv", original)
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


@pytest.mark.skipif(
    not (SHARED / "ae_attendances_2016-04_to_2019-03.csv").is_file(),
    reason=f"NHS-R ae_attendances file not present under {SHARED}",
)
def test_tidy_form_matches_its_own_sums(con) -> None:
    path = SHARED / "ae_attendances_2016-04_to_2019-03.csv"
    att = br = att1 = br1 = 0.0
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["org_code"] == "RF4" and row["period"] == "2017-03-01":
                att += float(row["attendances"])
                br += float(row["breaches"])
                if row["type"] == "1":
                    att1 += float(row["attendances"])
                    br1 += float(row["breaches"])
    rel = ae_tidy.READER.outputs(con, path)["observations"]
    got = {
        r[0]: r
        for r in rel.filter("org_code = 'RF4' AND period_start = DATE '2017-03-01'").fetchall()
    }
    assert got["ae_attendances"][3] == att
    assert got["ae_4hr_all"][3] == pytest.approx(100 * (att - br) / att)
    assert got["ae_4hr_type1"][3:6] == pytest.approx((100 * (att1 - br1) / att1, att1 - br1, att1))
    assert rel.filter("org_code = 'ENG'").count("*").fetchall() == [(0,)]
