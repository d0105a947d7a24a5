"""Regions: every publication's spelling of a region name finds the same ODS code."""

from __future__ import annotations

import pytest

from impact.sources.regions import REGIONS, region_key, regions_param


@pytest.mark.parametrize(
    "spelling", ["NHS ENGLAND SOUTH EAST ", "NHS England South East", "South East", "SOUTH  EAST"]
)
def test_every_spelling_of_a_region_has_one_key(spelling: str) -> None:
    keys = {r["key"]: r["region_code"] for r in regions_param()}
    assert keys[region_key(spelling)] == "Y59"


def test_the_seven_regions_are_named_as_people_write_them() -> None:
    assert len(REGIONS) == 7
    assert REGIONS["Y60"] == "NHS England Midlands"
    assert REGIONS["Y61"] == "NHS England East of England"
