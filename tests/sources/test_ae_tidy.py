"""NHS-R tidy A&E reader against the NHSRdatasets file: a trust's month equals an
independent sum of its department-type rows, and no England row is invented."""

from __future__ import annotations

import csv

import pytest

from impact.sources import ae_tidy
from tests.conftest import shared_path


def test_tidy_form_matches_its_own_sums(con) -> None:
    path = shared_path("data", "nhs-england", "ae_attendances_2016-04_to_2019-03.csv")
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
