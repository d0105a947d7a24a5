"""GP appointments reader against the real regional file: double-spaced booking bands are
normalised and the figures equal an independent sum of the file."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from impact.sources import gp_appointments
from tests.conftest import shared_path

WITHIN_TWO_WEEKS = {"Same Day", "1 Day", "2 to 7 Days", "8 to 14 Days"}


@pytest.fixture(scope="module")
def gp() -> Path:
    return shared_path(
        "data", "nhs-england", "gp-appointments", "Regional_CSV_Somerset_raw_sample.csv"
    )


def independent(gp: Path) -> dict[str, dict[str, float]]:
    months: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    with gp.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            band = re.sub(r"\s+", " ", row["TIME_BETWEEN_BOOK_AND_APPT"]).strip()
            n = float(row["COUNT_OF_APPOINTMENTS"])
            m = months[row["Appointment_Month"]]
            m["total"] += n
            m["known"] += 0 if band.startswith("Unknown") else n
            m["within"] += n if band in WITHIN_TWO_WEEKS else 0
            m["same_day"] += n if band == "Same Day" else 0
            m["dna"] += n if row["APPT_STATUS"] == "DNA" else 0
            m["known_status"] += 0 if row["APPT_STATUS"] == "Unknown" else n
    return months


@pytest.fixture(scope="module")
def outputs(gp: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect()
    return {k: v.fetchall() for k, v in gp_appointments.READER.outputs(con, gp).items()}


def test_march_2019_equals_the_file(gp, outputs) -> None:
    m = independent(gp)["MAR2019"]
    got = {r[0]: r for r in outputs["observations"] if r[2].isoformat() == "2019-03-01"}
    assert {r[1] for r in got.values()} == {"11X"}
    assert got["gp_appts_total"][3] == m["total"]
    assert got["gp_appts_within_2wks"][3:6] == pytest.approx(
        (100 * m["within"] / m["known"], m["within"], m["known"])
    )
    assert got["gp_same_day_pct"][3] == pytest.approx(100 * m["same_day"] / m["known"])
    assert got["gp_dna_rate"][3] == pytest.approx(100 * m["dna"] / m["known_status"])
    # The double-spaced "8  to 14 Days" rows are counted: without them the share would fall.
    assert m["within"] > m["same_day"] and got["gp_appts_within_2wks"][3] > 80


def test_every_month_is_read(gp, outputs) -> None:
    months = independent(gp)
    periods = {r[2] for r in outputs["observations"]}
    assert len(periods) == len(months) == 30
    totals = {
        r[2].strftime("%b%Y").upper(): r[3]
        for r in outputs["observations"]
        if r[0] == "gp_appts_total"
    }
    assert totals == {k: v["total"] for k, v in months.items()}


def test_organisations_sit_under_their_region(outputs) -> None:
    orgs = {r[0]: r[1:4] for r in outputs["organisations"]}
    assert orgs == {
        "11X": ("NHS Somerset CCG", "other", "Y58"),  # written in mixed case: kept as it is
        "Y58": ("NHS England South West", "region", "ENG"),
        "ENG": ("England", "nation", None),
    }
