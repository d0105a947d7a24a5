"""How a reader recognises its publication: by the cells of the header row, never the name.

Publications spell their headers loosely from edition to edition (case, padding, a
byte-order mark, doubled spaces), so cells are compared normalised. A file whose header
holds one of our own contracts is an extract the store reads directly: no reader may
claim it, however many of a publication's columns it also carries.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from pathlib import Path

import duckdb

from impact.contracts import CONTRACTS

_SPACES = re.compile(r"\s+")


def normalise_cell(cell: str) -> str:
    """A header cell as readers compare it: no BOM, trimmed, lower case, single spaces."""
    return _SPACES.sub(" ", cell.replace("\ufeff", "")).strip().lower()


def header_set(header: list[str]) -> set[str]:
    """The normalised, non-blank cells of a header."""
    return {normalise_cell(c) for c in header if c and c.strip()}


def is_contract_header(header: list[str]) -> bool:
    """True when a header holds every required column of one of our own contracts."""
    cells = header_set(header)
    return any(set(c.required_names) <= cells for c in CONTRACTS.values())


def header_has(header: list[str], required: AbstractSet[str]) -> bool:
    """Whether a header holds all ``required`` cells (normalised) and is not one of ours."""
    return required <= header_set(header) and not is_contract_header(header)


def read_header(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    """The column names DuckDB sees in a CSV (to pick among a publication's layouts)."""
    rel = con.sql(
        "SELECT * FROM read_csv($path, all_varchar = true, header = true) LIMIT 0",
        params={"path": str(path)},
    )
    return list(rel.columns)
