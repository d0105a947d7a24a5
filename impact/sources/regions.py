"""The seven NHS England regions, as every publication that names them is matched to them.

Embedded here (not read from a reference file) because the shipped product must work with
nothing but the analyst's own data folder. Publications spell a region differently: A&E
files say "NHS ENGLAND SOUTH EAST " (trailing space and all), GP appointment files just
"South East"; both are matched on the name reduced to what they agree on.
"""

from __future__ import annotations

#: ODS region code → the region's name as people write it.
REGIONS: dict[str, str] = {
    "Y56": "NHS England London",
    "Y58": "NHS England South West",
    "Y59": "NHS England South East",
    "Y60": "NHS England Midlands",
    "Y61": "NHS England East of England",
    "Y62": "NHS England North West",
    "Y63": "NHS England North East and Yorkshire",
}


def region_key(name: str) -> str:
    """A region name reduced to what every publication agrees on (upper case, no prefix)."""
    return " ".join(name.upper().split()).removeprefix("NHS ENGLAND ")


def regions_param() -> list[dict[str, str]]:
    """The region list as a bound parameter (a list of structs) for the readers' SQL.

    ``key`` is :func:`region_key` of the name; the statements reduce the file's cell the
    same way before joining.
    """
    return [
        {"region_code": code, "region_name": name, "key": region_key(name)}
        for code, name in REGIONS.items()
    ]
