"""RTT reader against a fixture in the published 121-column layout: per-provider waiting-list
measures equal an independent sum of the Part_2, C_999 rows over commissioners."""

from __future__ import annotations

import csv
import re
from collections import defaultdict

import duckdb
import pytest

from impact.sources import match_reader, rtt
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
    assert {k[1] for k in observations} == set(expected) == {"R0A", "RH5", "NT4"}
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
