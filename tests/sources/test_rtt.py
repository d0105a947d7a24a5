"""RTT reader against a fixture in the published 121-column layout: per-provider waiting-list
measures equal an independent sum of the Part_2, C_999 rows over commissioners."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import defaultdict

import duckdb
import pytest

from impact.sources import match_reader, rtt
from impact.sources.icbs import ICB_REGIONS
from impact.sources.regions import REGIONS
from impact.sources.zipped import extracted_csv
from tests.conftest import shared_path
from tests.sources.conftest import FIXTURES

FIXTURE = FIXTURES / "rtt_full_extract_sample.csv"


def rows() -> list[dict[str, str]]:
    with FIXTURE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def independent() -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows():
        if row["RTT Part Type"] != "Part_2" or row["Treatment Function Code"] != "C_999":
            continue
        p = out[row["Provider Org Code"]]
        for column, cell in row.items():
            week = re.match(r"Gt (\d+) ", column)
            if week:
                lower = int(week.group(1))
                p["within18"] += float(cell) if lower < 18 else 0
                p["over52"] += float(cell) if lower >= 52 else 0
                p["over65"] += float(cell) if lower >= 65 else 0
                p["over78"] += float(cell) if lower >= 78 else 0
        p["total"] += float(row["Total"])
        p["total_all"] += float(row["Total All"])
    return out


@pytest.fixture(scope="module")
def observations() -> dict[tuple[str, str], tuple]:
    rel = rtt.READER.outputs(duckdb.connect(), FIXTURE)["observations"]
    return {(r[0], r[1]): r for r in rel.fetchall()}


def test_fixture_has_the_published_layout() -> None:
    header = next(csv.reader(FIXTURE.open(newline="", encoding="utf-8")))
    assert len(header) == 121
    assert header[13] == "Gt 00 To 01 Weeks SUM 1" and header[117] == "Gt 104 Weeks SUM 1"
    assert header[-3:] == ["Total", "Patients with unknown clock start date", "Total All"]
    assert match_reader(header) is rtt.READER
    assert {r["Period"] for r in rows()} == {"RTT-June-2024"}


def test_providers_equal_the_sum_over_commissioners(observations) -> None:
    expected = independent()
    providers = {k[1] for k in observations} - {"ENG", *ICB_REGIONS, *REGIONS}
    assert providers == set(expected) == {"R0A", "RH5", "NT4"}
    for org, p in expected.items():
        pct = observations[("rtt_18wk_pct", org)]
        assert pct[2].isoformat() == "2024-06-01"
        assert pct[3:6] == pytest.approx(
            (100 * p["within18"] / p["total"], p["within18"], p["total"])
        )
        assert observations[("rtt_waiting_list", org)][3] == p["total_all"]
        assert observations[("rtt_52wk", org)][3] == p["over52"]
        assert observations[("rtt_65wk", org)][3] == p["over65"]
        assert observations[("rtt_78wk", org)][3] == p["over78"]
    assert observations[("rtt_52wk", "R0A")][3] > observations[("rtt_78wk", "R0A")][3] > 0


def test_only_incomplete_pathway_totals_are_counted(observations) -> None:
    rh5 = [r for r in rows() if r["Provider Org Code"] == "RH5"]
    part_2_functions = sum(
        float(r["Total"])
        for r in rh5
        if r["RTT Part Type"] == "Part_2" and r["Treatment Function Code"] != "C_999"
    )
    every_row = sum(float(r["Total"] or 0) for r in rh5)
    denominator = observations[("rtt_18wk_pct", "RH5")][5]
    assert denominator == part_2_functions  # C_999 is the total over functions
    assert every_row > 2 * denominator  # other parts and the C_999 rows are not added in


# -- the real published zips ------------------------------------------------------------

ZIPS = {
    "2024-04-01": "2024-04_rtt_full_extract_zip.zip",
    "2025-03-01": "2025-03_rtt_full_extract_zip.zip",
    "2026-01-01": "Full-CSV-data-file-Jan26-ZIP-4M-WL5BiP.zip",
}
CHECKED = ("RRK", "RJ1", "R0A")  # Birmingham, Guy's and St Thomas', Manchester


def independent_from_zip(path) -> dict[str, dict[str, float]]:
    """England, Midlands (via the ICBs it holds), ICB QHL and three trusts, with csv only."""
    midlands = {icb for icb, region in ICB_REGIONS.items() if region == "Y60"}
    out: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as raw:
        reader = csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))
        head = next(reader)
        col = {name: i for i, name in enumerate(head)}
        weeks = [(i, int(re.match(r"Gt (\d+) ", c).group(1))) for i, c in enumerate(head)
                 if c.startswith("Gt ")]  # fmt: skip
        for row in reader:
            if (
                row[col["RTT Part Type"]] != "Part_2"
                or row[col["Treatment Function Code"]] != "C_999"
            ):
                continue
            provider, icb = row[col["Provider Org Code"]], row[col["Provider Parent Org Code"]]
            keys = (
                ["ENG"] + (["Y60"] if icb in midlands else []) + (["QHL"] if icb == "QHL" else [])
            )
            keys += [provider] if provider in CHECKED else []
            for key in keys:
                p = out[key]
                for i, lower in weeks:
                    n = float(row[i] or 0)
                    p["known"] += n
                    p["within18"] += n if lower < 18 else 0
                    p["over52"] += n if lower >= 52 else 0
                    p["over65"] += n if lower >= 65 else 0
                    p["over78"] += n if lower >= 78 else 0
                p["total_all"] += float(row[col["Total All"]])
    return out


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> dict[str, tuple[dict, dict]]:
    """Per month: the reader's observations (from the zip, unpacked) and the csv-module sums."""
    out = {}
    for month, name in ZIPS.items():
        path = shared_path("data", "nhs-england", "rtt", name)
        with extracted_csv(path, tmp_path_factory.mktemp("unzip")) as csv_path:
            rels = rtt.READER.outputs(duckdb.connect(), csv_path)
            got = {(r[0], r[1]): r for r in rels["observations"].fetchall()}
            orgs = {r[0]: r for r in rels["organisations"].fetchall()}
        out[month] = (got, orgs, independent_from_zip(path))
    return out


@pytest.mark.parametrize("month", sorted(ZIPS))
def test_england_a_region_an_icb_and_three_trusts_equal_the_csv_sums(real, month) -> None:
    got, _, expected = real[month]
    assert set(expected) == {"ENG", "Y60", "QHL", *CHECKED}
    for org, p in expected.items():
        assert got[("rtt_18wk_pct", org)][3:6] == pytest.approx(
            (100 * p["within18"] / p["known"], p["within18"], p["known"])
        ), org
        assert got[("rtt_52wk_pct", org)][3] == pytest.approx(100 * p["over52"] / p["known"])
        assert got[("rtt_waiting_list", org)][3] == p["total_all"]
        assert got[("rtt_52wk", org)][3] == p["over52"]
        assert got[("rtt_65wk", org)][3] == p["over65"]
        assert got[("rtt_78wk", org)][3] == p["over78"]
        assert got[("rtt_18wk_pct", org)][2].isoformat() == month


def test_england_march_2025_is_within_0_15_points_of_the_published_59_8(real) -> None:
    got, _, _ = real["2025-03-01"]
    assert got[("rtt_18wk_pct", "ENG")][3] == pytest.approx(59.8, abs=0.15)


def test_organisations_are_providers_under_their_icb_and_icbs_under_their_region(real) -> None:
    _, orgs, _ = real["2025-03-01"]
    assert orgs["RRK"][1:4] == (
        "University Hospitals Birmingham NHS Foundation Trust", "trust", "QHL"
    )  # fmt: skip
    assert orgs["QHL"][2:4] == ("icb", "Y60")
    assert orgs["QHL"][1] == "NHS Birmingham and Solihull Integrated Care Board"
    assert orgs["Y60"][1:4] == ("NHS England Midlands", "region", "ENG")
    assert sum(1 for r in orgs.values() if r[2] == "icb") == 42
