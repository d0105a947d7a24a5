"""A provider a publication names is an NHS trust exactly when its name says so."""

from __future__ import annotations

import duckdb
import pytest

from impact.sources.names import proper_named
from impact.sources.providers import PROVIDER, provider_type


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("UNIVERSITY HOSPITALS BIRMINGHAM NHS FOUNDATION TRUST", "trust"),
        ("Barts Health NHS Trust", "trust"),
        ("THE NATIONAL HEALTH SERVICE TRUST OF SOMEWHERE", "trust"),
        ("SPAMEDICA DERBY", "other"),
        ("NHS SOUTH YORKSHIRE INTEGRATED CARE BOARD", "other"),
        (None, "other"),
    ],
)
def test_the_name_decides(name, kind) -> None:
    assert provider_type(name) == kind


def test_proper_named_settles_provisional_providers_and_leaves_other_types() -> None:
    con = duckdb.connect()
    rows = con.sql(
        "SELECT * FROM (VALUES ('RRK', 'UNIVERSITY HOSPITALS BIRMINGHAM NHS FOUNDATION TRUST', "
        f"'{PROVIDER}', 'Y60', 2), ('NT4', 'SPAMEDICA DERBY', '{PROVIDER}', 'Y60', 3), "
        "('Y60', 'NHS England Midlands', 'region', 'ENG', NULL)) "
        "AS t(org_code, org_name, org_type, parent_code, source_line)"
    )
    got = {r[0]: r[2] for r in proper_named(con, rows).fetchall()}
    assert got == {"RRK": "trust", "NT4": "other", "Y60": "region"}
