"""ODS organisation lists: trusts sit under their ICB, ICBs under their region, regions
under England, all named as people write them; the register outranks organisations
inferred from statistics files."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from impact.sources import ae_monthly, match_reader, ods_trusts
from impact.sources.regions import REGIONS
from tests.conftest import shared_path
from tests.sources.conftest import header


def ods(name: str) -> Path:
    return shared_path("data", "ods", name)


def organisations(name: str) -> dict[str, tuple]:
    rel = ods_trusts.READER.outputs(duckdb.connect(), ods(name))["organisations"]
    rows = rel.fetchall()
    assert len(rows) == len({r[0] for r in rows}), "org_code must be unique"
    return {r[0]: r[1:4] for r in rows}


def test_trust_list_builds_the_hierarchy() -> None:
    orgs = organisations("trusts_etr_2026-01.csv")
    with ods("trusts_etr_2026-01.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    english = [r for r in rows if r["region_code"].strip() or r["icb_code"].strip()]
    assert len(rows) == 273 and len(english) == 270  # the three Welsh trusts have neither
    assert sum(o[1] == "trust" for o in orgs.values()) == len(english)
    assert "RQF" not in orgs  # Velindre (Wales) has no place in England's hierarchy
    assert orgs["RH5"] == ("Somerset NHS Foundation Trust", "trust", "QSL")
    assert orgs["QSL"] == ("NHS Somerset Integrated Care Board", "icb", "Y58")
    assert orgs["Y58"] == ("NHS England South West", "region", "ENG")
    assert orgs["ENG"] == ("England", "nation", None)
    assert orgs["RRK"][0] == "University Hospitals Birmingham NHS Foundation Trust"
    assert {k for k, o in orgs.items() if o[1] == "region"} == set(REGIONS)
    assert sum(o[1] == "icb" for o in orgs.values()) == 42
    for code, (_, kind, parent) in orgs.items():  # the hierarchy is walkable
        if kind == "trust":
            assert orgs[parent][1] in ("icb", "region"), code


def test_icb_and_region_lists() -> None:
    icbs = organisations("icbs_2024.csv")
    assert sum(o[1] == "icb" for o in icbs.values()) == 42
    assert icbs["QSL"][2] == "Y58"
    assert icbs["QHL"][0] == "NHS Birmingham and Solihull Integrated Care Board"
    regions = organisations("nhse_regions.csv")
    # The register's capitals, in proper case, are the names the A&E reader gives regions.
    assert {k: v[0] for k, v in regions.items() if v[1] == "region"} == REGIONS


def test_recognised_by_header_only_for_its_layouts() -> None:
    for name in ("trusts_etr_2026-01.csv", "icbs_2024.csv", "nhse_regions.csv"):
        assert match_reader(header(ods(name))) is ods_trusts.READER, name
    # The ONS sub-ICB lookup has its own reader (ons_sicbl), never this one.
    assert not ods_trusts.READER.matches(header(ods("sicbl_icb_region_lookup_2022-07_ons.csv")))
    assert not ods_trusts.READER.matches(["region_code", "region_name", "value"])


def test_register_outranks_organisations_inferred_from_statistics(tmp_path: Path) -> None:
    register = Path("trusts_etr_2026-01.csv")
    revised_ae = tmp_path / "Monthly-AE-December-2024-revised.csv"
    assert ods_trusts.READER.priority(register) > ae_monthly.READER.priority(revised_ae)
    assert ods_trusts.READER.priority(register) < 0  # an analyst's own extract still wins
