"""Cancer Waiting Times reader against the real provider extract: England equals an
independent sum of the file (ALL MODALITIES only for 31/62-day, half patients kept)."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from impact.sources import cancer_waiting_times
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def cwt() -> Path:
    return shared_path(
        "data",
        "nhs-england",
        "cancer-waiting-times",
        "cwt_crs_provider_extract_2023-04_to_2023-10.csv",
    )


STANDARDS = {
    "28-day FDS": "cwt_28d_fds",
    "31-day Combined": "cwt_31d",
    "62-day Combined": "cwt_62d",
}


def published_sums(cwt: Path) -> dict[tuple[str, str, str], list[float]]:
    """(metric, org, period) → [within, total], England included, via the csv module."""
    sums: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    with cwt.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            metric = STANDARDS[row["STANDARD"]]
            if metric != "cwt_28d_fds" and row["TREATMENT MODALITY"] != "ALL MODALITIES":
                continue
            for org in (row["ORG CODE"], "ENG"):
                cell = sums[(metric, org, row["PERIOD"])]
                cell[0] += float(row["WITHIN STANDARD"])
                cell[1] += float(row["TOTAL TREATED"])
    return sums


@pytest.fixture(scope="module")
def observations(cwt: Path) -> dict[tuple[str, str, str], tuple]:
    con = duckdb.connect()
    rel = cancer_waiting_times.READER.outputs(con, cwt)["observations"]
    return {(r[0], r[1], r[2].isoformat()): r for r in rel.fetchall()}


def test_england_equals_the_sum_of_the_extract(cwt, observations) -> None:
    expected = {k: v for k, v in published_sums(cwt).items() if k[1] == "ENG"}
    assert len(expected) == 21  # three standards × seven months
    for key, (within, total) in expected.items():
        row = observations[key]
        assert row[4:6] == (within, total)
        assert row[3] == pytest.approx(100 * within / total)


def test_england_figures_as_published(observations) -> None:
    assert round(observations[("cwt_28d_fds", "ENG", "2023-10-01")][3], 1) == 71.1
    assert round(observations[("cwt_31d", "ENG", "2023-10-01")][3], 1) == 89.4
    assert observations[("cwt_62d", "ENG", "2023-10-01")][5] == 24371.5  # half patients kept


def test_every_provider_equals_the_sum_of_the_extract(cwt, observations) -> None:
    expected = {k: v for k, v in published_sums(cwt).items() if v[1] > 0}
    assert expected.keys() == observations.keys()
    for key, (within, total) in expected.items():
        assert observations[key][4:6] == pytest.approx((within, total))
