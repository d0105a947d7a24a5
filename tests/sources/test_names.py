"""Names as people write them: awkward real names from the ODS register and the A&E
publication, each with the proper-case form written out by hand."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from impact.sources.names import proper_name, proper_named
from impact.store import Store
from tests.conftest import shared_path

#: Names from the ODS trust list, ICB list and region list (as ODS stores them) → as written.
ODS_NAMES = {
    "UNIVERSITY HOSPITALS BIRMINGHAM NHS FOUNDATION TRUST": (
        "University Hospitals Birmingham NHS Foundation Trust"
    ),
    "NHS ENGLAND MIDLANDS": "NHS England Midlands",
    "NHS ENGLAND EAST OF ENGLAND": "NHS England East of England",
    "NHS ENGLAND NORTH EAST AND YORKSHIRE": "NHS England North East and Yorkshire",
    "NHS BIRMINGHAM AND SOLIHULL INTEGRATED CARE BOARD": (
        "NHS Birmingham and Solihull Integrated Care Board"
    ),
    "NHS STAFFORDSHIRE AND STOKE-ON-TRENT INTEGRATED CARE BOARD": (
        "NHS Staffordshire and Stoke-on-Trent Integrated Care Board"
    ),
    "STAFFORDSHIRE AND STOKE ON TRENT PARTNERSHIP NHS TRUST": (
        "Staffordshire and Stoke on Trent Partnership NHS Trust"
    ),
    "NHS CORNWALL AND THE ISLES OF SCILLY INTEGRATED CARE BOARD": (
        "NHS Cornwall and the Isles of Scilly Integrated Care Board"
    ),
    "NHS BATH AND NORTH EAST SOMERSET, SWINDON AND WILTSHIRE INTEGRATED CARE BOARD": (
        "NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board"
    ),
    "NHS LEICESTER, LEICESTERSHIRE AND RUTLAND INTEGRATED CARE BOARD": (
        "NHS Leicester, Leicestershire and Rutland Integrated Care Board"
    ),
    "NHS HAMPSHIRE AND ISLE OF WIGHT INTEGRATED CARE BOARD": (
        "NHS Hampshire and Isle of Wight Integrated Care Board"
    ),
    "ISLE OF WIGHT NHS TRUST": "Isle of Wight NHS Trust",
    "TEES, ESK AND WEAR VALLEYS NHS FOUNDATION TRUST": (
        "Tees, Esk and Wear Valleys NHS Foundation Trust"
    ),
    "GUY'S AND ST THOMAS' NHS FOUNDATION TRUST": "Guy's and St Thomas' NHS Foundation Trust",
    "BIRMINGHAM WOMEN'S AND CHILDREN'S NHS FOUNDATION TRUST": (
        "Birmingham Women's and Children's NHS Foundation Trust"
    ),
    "ALDER HEY CHILDREN'S NHS FOUNDATION TRUST": "Alder Hey Children's NHS Foundation Trust",
    "KING'S COLLEGE HOSPITAL NHS FOUNDATION TRUST": "King's College Hospital NHS Foundation Trust",
    "ASHFORD AND ST PETER'S HOSPITALS NHS FOUNDATION TRUST": (
        "Ashford and St Peter's Hospitals NHS Foundation Trust"
    ),
    "ST GEORGE'S UNIVERSITY HOSPITALS NHS FOUNDATION TRUST": (
        "St George's University Hospitals NHS Foundation Trust"
    ),
    "SOUTH WEST LONDON AND ST GEORGE'S MENTAL HEALTH NHS TRUST": (
        "South West London and St George's Mental Health NHS Trust"
    ),
    "EPSOM AND ST HELIER UNIVERSITY HOSPITALS NHS TRUST": (
        "Epsom and St Helier University Hospitals NHS Trust"
    ),
    "QUEEN MARY'S SIDCUP NHS TRUST": "Queen Mary's Sidcup NHS Trust",
    "BARKING, HAVERING AND REDBRIDGE UNIVERSITY HOSPITALS NHS TRUST": (
        "Barking, Havering and Redbridge University Hospitals NHS Trust"
    ),
    "CUMBRIA, NORTHUMBERLAND, TYNE AND WEAR NHS FOUNDATION TRUST": (
        "Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust"
    ),
    "BARTS AND THE LONDON NHS TRUST": "Barts and the London NHS Trust",
    "THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST": (
        "The Newcastle upon Tyne Hospitals NHS Foundation Trust"
    ),
    "THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN, NHS FOUNDATION TRUST": (
        "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust"
    ),
    "THE ROBERT JONES AND AGNES HUNT ORTHOPAEDIC HOSPITAL NHS FOUNDATION TRUST": (
        "The Robert Jones and Agnes Hunt Orthopaedic Hospital NHS Foundation Trust"
    ),
    "COUNTESS OF CHESTER HOSPITAL NHS FOUNDATION TRUST": (
        "Countess of Chester Hospital NHS Foundation Trust"
    ),
    "HEART OF ENGLAND NHS FOUNDATION TRUST": "Heart of England NHS Foundation Trust",
    "EAST OF ENGLAND AMBULANCE SERVICE NHS TRUST": "East of England Ambulance Service NHS Trust",
    "GREAT ORMOND STREET HOSPITAL FOR CHILDREN NHS FOUNDATION TRUST": (
        "Great Ormond Street Hospital for Children NHS Foundation Trust"
    ),
    "ROYAL NATIONAL HOSPITAL FOR RHEUMATIC DISEASES NHS FOUNDATION TRUST": (
        "Royal National Hospital for Rheumatic Diseases NHS Foundation Trust"
    ),
    "UNIVERSITY HOSPITALS OF NORTH MIDLANDS NHS TRUST": (
        "University Hospitals of North Midlands NHS Trust"
    ),
    "SOUTH OF TYNE AND WEARSIDE MENTAL HEALTH NHS TRUST": (
        "South of Tyne and Wearside Mental Health NHS Trust"
    ),
    "LANCASHIRE & SOUTH CUMBRIA NHS FOUNDATION TRUST": (
        "Lancashire & South Cumbria NHS Foundation Trust"
    ),
    "ROYAL BROMPTON & HAREFIELD NHS FOUNDATION TRUST": (
        "Royal Brompton & Harefield NHS Foundation Trust"
    ),
    "ROTHERHAM DONCASTER AND SOUTH HUMBER NHS FOUNDATION TRUST": (
        "Rotherham Doncaster and South Humber NHS Foundation Trust"
    ),
    "NORTH LONDON NHS FOUNDATION TRUST": "North London NHS Foundation Trust",
}

#: Providers' own names in the A&E monthly publication (UTCs, walk-in centres, independents).
AE_NAMES = {
    "PHL LYMINGTON UTC": "PHL Lymington UTC",
    "NEMS UTC": "NEMS UTC",
    "BECKENHAM BEACON UCC": "Beckenham Beacon UCC",
    "DHU HEALTH CARE C.I.C": "DHU Health Care C.I.C",
    "FIRST COMMUNITY HEALTH AND CARE CIC": "First Community Health and Care CIC",
    "MARKET HARBOROUGH MED.CTR": "Market Harborough Med.Ctr",
    "EAST BERKS PRIMARY CARE OOH(WAM)": "East Berks Primary Care OOH(WAM)",
    "ROSSENDALE MIU & OOH": "Rossendale MIU & OOH",
    "ERDINGTON GP HEALTH & WELLBEING WIC": "Erdington GP Health & Wellbeing WIC",
    "LLR EA - THE MERLYN VAZ HEALTH & SOCIAL CARE CENTRE": (
        "LLR EA - The Merlyn Vaz Health & Social Care Centre"
    ),
    "URGENT CARE CENTRE (QMS)": "Urgent Care Centre (QMS)",
    "ASSURA VERTIS URGENT CARE CENTRES (BIRMINGHAM)": (
        "Assura Vertis Urgent Care Centres (Birmingham)"
    ),
    "ASHFORD WALK-IN-CENTRE": "Ashford Walk-in-Centre",
    "PRACTICE PLUS GROUP SURGICAL CENTRE - ST MARYS PORTSMOUTH": (
        "Practice Plus Group Surgical Centre - St Marys Portsmouth"
    ),
    "TETBURY HOSPITAL TRUST LTD": "Tetbury Hospital Trust Ltd",
}

#: Forms the shared files do not hold but NHS names do (older registers, place names).
OTHER_NAMES = {
    "2GETHER NHS FOUNDATION TRUST": "2gether NHS Foundation Trust",
    "WESTON-SUPER-MARE": "Weston-super-Mare",
    "NEWCASTLE-UNDER-LYME": "Newcastle-under-Lyme",
    "CHRISTIE NHS FOUNDATION TRUST (THE)": "Christie NHS Foundation Trust (The)",
    "MCMILLAN HOUSE SURGERY": "McMillan House Surgery",
    "O'NEILL PRACTICE": "O'Neill Practice",
    "THE MEDICAL CENTRE PCN": "The Medical Centre PCN",
    "NHS SOMERSET CCG": "NHS Somerset CCG",
    "NHS SOUTH YORKSHIRE ICB - 02P": "NHS South Yorkshire ICB - 02P",
    "ENGLAND": "England",
}


def _names_in(path: Path, *columns: str) -> set[str]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return {" ".join(row[c].split()) for row in csv.DictReader(handle) for c in columns}


@pytest.fixture(scope="module")
def ods_names() -> set[str]:
    ods = ("data", "ods")
    return (
        _names_in(shared_path(*ods, "trusts_etr_2026-01.csv"), "org_name", "icb_name")
        | _names_in(shared_path(*ods, "icbs_2024.csv"), "icb_name")
        | _names_in(shared_path(*ods, "nhse_regions.csv"), "region_name")
    )


@pytest.fixture(scope="module")
def ae_names() -> set[str]:
    folder = shared_path("data", "nhs-england", "ae-monthly-2024-25")
    return set().union(*(_names_in(p, "Org name") for p in folder.glob("*.csv")))


@pytest.mark.parametrize(("published", "written"), ODS_NAMES.items())
def test_names_from_the_ods_register(ods_names, published: str, written: str) -> None:
    assert published in ods_names  # a real name, as the register stores it
    assert proper_name(published) == written


@pytest.mark.parametrize(("published", "written"), AE_NAMES.items())
def test_names_from_the_ae_publication(ae_names, published: str, written: str) -> None:
    assert published in ae_names
    assert proper_name(published) == written


@pytest.mark.parametrize(("published", "written"), OTHER_NAMES.items())
def test_other_names_nhs_writes(published: str, written: str) -> None:
    assert proper_name(published) == written


@pytest.mark.parametrize(
    "written", ["NHS Somerset CCG", "NHS South Yorkshire ICB - 02P", "Barts Health NHS trust"]
)
def test_a_name_with_lower_case_letters_is_kept_exactly(written: str) -> None:
    assert proper_name(written) == written


def test_every_register_name_comes_out_without_capitals_shouting(ods_names) -> None:
    """No word of four letters or more is left in capitals, except the initialisms."""
    for published in ods_names:
        words = proper_name(published).replace(",", " ").split()
        shouting = [w for w in words if len(w) > 3 and w.isupper() and w not in {"NHSE"}]
        assert not shouting, (published, shouting)


def test_readers_rename_organisation_rows_and_keep_every_other_column() -> None:
    con = duckdb.connect()
    rows = con.sql(
        "SELECT * FROM (VALUES ('RRK', 'UNIVERSITY HOSPITALS BIRMINGHAM NHS FOUNDATION TRUST',"
        " 'trust', 'QHL', 2), ('ENG', 'ENGLAND', 'nation', NULL, NULL))"
        " AS t(org_code, org_name, org_type, parent_code, source_line)"
    )
    assert proper_named(con, rows).fetchall() == [
        ("RRK", "University Hospitals Birmingham NHS Foundation Trust", "trust", "QHL", 2),
        ("ENG", "England", "nation", None, None),
    ]
    empty = rows.filter("false")
    assert proper_named(con, empty).fetchall() == []


def test_names_an_analyst_writes_are_shown_as_written(tmp_path: Path) -> None:
    """An organisations extract is read by its contract, never by a reader: its capitals
    stay, while the register's names beside it are put in proper case."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "our_organisations.csv").write_text(
        "org_code,org_name,org_type,parent_code\nRXX01,NORTHFIELD HOSPITALS NHS TRUST,trust,Y56\n",
        encoding="utf-8",
    )
    (data / "regions.csv").write_text(
        "region_code,region_name\nY56,NHS ENGLAND LONDON\n", encoding="utf-8"
    )
    store = Store(data, tmp_path / "cache")
    names = dict(store.cursor().execute("SELECT org_code, org_name FROM organisations").fetchall())
    assert names == {
        "RXX01": "NORTHFIELD HOSPITALS NHS TRUST",
        "Y56": "NHS England London",
        "ENG": "England",
    }


def test_a_real_trust_and_its_hierarchy_are_named_as_people_write_them(tmp_path: Path) -> None:
    """The A&E file and the ODS trust list together, as an analyst drops them in."""
    data = tmp_path / "data"
    data.mkdir()
    ae = shared_path("data", "nhs-england", "ae-monthly-2024-25", "Monthly-AE-March-2025.csv")
    (data / ae.name).write_bytes(ae.read_bytes())
    ods = shared_path("data", "ods", "trusts_etr_2026-01.csv")
    (data / ods.name).write_bytes(ods.read_bytes())
    store = Store(data, tmp_path / "cache")
    names = dict(store.cursor().execute("SELECT org_code, org_name FROM organisations").fetchall())
    assert names["RRK"] == "University Hospitals Birmingham NHS Foundation Trust"
    assert names["QHL"] == "NHS Birmingham and Solihull Integrated Care Board"
    assert names["Y60"] == "NHS England Midlands"
    assert names["RQ3"] == "Birmingham Women's and Children's NHS Foundation Trust"
    assert names["ENG"] == "England"
    assert not [n for n in names.values() if n.isupper() and len(n) > 8]
