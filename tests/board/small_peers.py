"""A small store of five kinds of trust in two ICBs: the peer-group and peer-rate fixture.

A and B have type 1 A&E departments (B a fifth of A's size), C runs only a minor injuries
unit, D is an ambulance trust, E a specialist trust in the other ICB.
"""

from __future__ import annotations

import pytest

from impact.orgs import OrgTree
from impact.store import open_store

ORGS = """org_code,org_name,org_type,parent_code
R,Test Region,region,
I,Test ICB,icb,R
J,Other ICB,icb,R
A,Acute One,trust,I
B,Acute Two,trust,I
C,Community Trust,trust,I
D,Ambulance Trust,trust,I
E,Specialist Trust,trust,J
"""
MONTHS = ("2025-01-01", "2025-02-01", "2025-03-01")


def _rows() -> list[str]:
    rows = []
    for month in MONTHS:
        for code, type1, attendances, waits in (("A", 9000, 12000, 300), ("B", 4000, 5000, 20)):
            rows.append(f"ae_4hr_type1,{code},{month},70,{type1 * 0.7:.0f},{type1}")
            rows.append(f"ae_attendances,{code},{month},{attendances},,")
            rows.append(f"ae_12hr_dta,{code},{month},{waits},,")
        # C runs only a minor injuries unit (type 3): A&E figures, but no type 1 ones.
        rows.append(f"ae_attendances,C,{month},3000,,")
        rows.append(f"ae_12hr_dta,C,{month},0,,")
        rows.append(f"amb_cat2_mean,D,{month},35,,")
        rows.append(f"ae_attendances,E,{month},800,,")
        rows.append(f"ae_12hr_dta,E,{month},1,,")
    return rows


def small_store(tmp_path_factory: pytest.TempPathFactory):
    """The store on the fixture, and its organisation tree."""
    folder = tmp_path_factory.mktemp("small")
    (folder / "organisations.csv").write_text(ORGS)
    header = "metric_id,org_code,period_start,value,numerator,denominator\n"
    (folder / "observations.csv").write_text(header + "\n".join(_rows()) + "\n")
    store = open_store(folder, tmp_path_factory.mktemp("cache"))
    return store, OrgTree.from_frame(store.query("board_org_tree"))
