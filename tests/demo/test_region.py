"""The fictional region: walkable from region to PCN, fictional names and codes, its months."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from impact import demo
from tests.conftest import shared_path
from tests.demo.contract_check import read_csv


def test_organisations_are_fictional_and_walkable(tables: dict) -> None:
    orgs = {r["org_code"]: r for r in tables["organisations"]}
    assert all(r["org_name"].startswith("Demo ") for r in orgs.values())
    by_type = defaultdict(list)
    for r in orgs.values():
        by_type[r["org_type"]].append(r["org_code"])
    assert len(by_type["region"]) == 1 and len(by_type["icb"]) == 2
    assert len(by_type["trust"]) == 8 and len(by_type["pcn"]) >= 4
    (region,) = by_type["region"]
    assert orgs[region]["parent_code"] == ""
    for code in by_type["trust"] + by_type["pcn"]:
        icb = orgs[code]["parent_code"]
        assert orgs[icb]["org_type"] == "icb" and orgs[icb]["parent_code"] == region
    for icb in by_type["icb"]:
        assert {orgs[c]["org_type"] for c in orgs if orgs[c]["parent_code"] == icb} == {
            "trust",
            "pcn",
        }


def test_demo_codes_are_not_real_ods_codes(tables: dict) -> None:
    real: set[str] = set()
    for path in shared_path("data", "ods").glob("*.csv"):
        for row in read_csv(path)[1]:
            real |= {v.strip() for k, v in row.items() if k and k.endswith("code") and v}
    assert real, "no codes read from the ODS files"
    assert not {r["org_code"] for r in tables["organisations"]} & real


def test_months_are_consecutive_and_end_at_the_fixed_month() -> None:
    months = demo.months()
    assert len(months) == demo.N_MONTHS and months[-1] == demo.END_MONTH
    assert months[0] == date(2023, 4, 1)
    assert all(m.day == 1 for m in months)
    assert len(set(months)) == len(months) and months == sorted(months)
