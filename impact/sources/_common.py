"""What every publication reader shares: header tests, named SQL, regions and priorities.

The readers' SQL lives in ``queries/source_*.sql`` (one statement a file, header comment,
bound parameters only) with every other named query, and is loaded by name through the
same loader. Everything here is deliberately small: the rules of each
publication stay in its own reader module and SQL file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb

from impact.contracts import CONTRACTS, OBSERVATIONS, ORGANISATIONS
from impact.sql import load_sql, parameter_names

#: Readers' statements live in ``queries/`` beside every other named query, prefixed so a
#: newcomer finds a publication's SQL by its name: ``queries/source_ae_monthly_*.sql``.
SQL_PREFIX = "source_"


def reader_sql(name: str) -> str:
    """The text of a reader's named statement (``queries/source_<name>.sql``)."""
    return load_sql(SQL_PREFIX + name)


#: The seven NHS England regions: ODS region code → name as ODS spells it. Embedded here
#: (not read from a reference file) because the shipped product must work with nothing but
#: the analyst's own data folder. A&E files name the region ("NHS ENGLAND SOUTH EAST ",
#: trailing space and all); GP appointment files say just "South East".
REGIONS: dict[str, str] = {
    "Y56": "NHS ENGLAND LONDON",
    "Y58": "NHS ENGLAND SOUTH WEST",
    "Y59": "NHS ENGLAND SOUTH EAST",
    "Y60": "NHS ENGLAND MIDLANDS",
    "Y61": "NHS ENGLAND EAST OF ENGLAND",
    "Y62": "NHS ENGLAND NORTH WEST",
    "Y63": "NHS ENGLAND NORTH EAST AND YORKSHIRE",
}
ENGLAND_CODE = "ENG"
ENGLAND_NAME = "ENGLAND"

#: Editions of the same figures compete on a duplicate key; the higher priority wins.
#: Extracts written to our own contracts rank 0, so an analyst's own file always beats a
#: figure inferred from a publication; the ODS register beats organisation rows a
#: statistics file implies; a revised edition of a publication beats the original.
PRIORITY_REGISTER = -1
PRIORITY_PUBLICATION = -3
PRIORITY_REVISED_BONUS = 1

_SPACES = re.compile(r"\s+")


def normalise_cell(cell: str) -> str:
    """A header cell as readers compare it: no BOM, trimmed, lower case, single spaces."""
    return _SPACES.sub(" ", cell.replace("\ufeff", "")).strip().lower()


def header_set(header: list[str]) -> set[str]:
    """The normalised, non-blank cells of a header."""
    return {normalise_cell(c) for c in header if c and c.strip()}


def is_contract_header(header: list[str]) -> bool:
    """True when a header holds every required column of one of our own contracts.

    Readers must never claim such a file: it is an extract the store reads directly.
    """
    cells = header_set(header)
    return any(set(c.required_names) <= cells for c in CONTRACTS.values())


def header_has(header: list[str], required: set[str]) -> bool:
    """Whether a header holds all ``required`` cells (normalised) and is not one of ours."""
    return required <= header_set(header) and not is_contract_header(header)


def publication_priority(path: Path) -> int:
    """Rank a publication file: a revised edition (its name says "revised") wins."""
    revised = "revised" in path.name.lower()
    return PRIORITY_PUBLICATION + (PRIORITY_REVISED_BONUS if revised else 0)


def register_priority(path: Path) -> int:
    """Rank the ODS organisation register above organisations inferred from statistics."""
    return PRIORITY_REGISTER


def regions_param() -> list[dict[str, str]]:
    """The region list as a bound parameter (a list of structs) for the readers' SQL.

    ``key`` is the name reduced to what every publication agrees on: upper case, single
    spaces, without the "NHS ENGLAND " prefix (A&E says "NHS ENGLAND LONDON", GP
    appointments say "London").
    """
    return [
        {"region_code": code, "region_name": name, "key": name.removeprefix("NHS ENGLAND ")}
        for code, name in REGIONS.items()
    ]


def run_sql(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> duckdb.DuckDBPyRelation:
    """A reader's named statement as a (lazy) relation, with only the parameters it names.

    Readers pass a common set (``path``, ``regions`` …); each statement takes what it uses.
    """
    sql = reader_sql(name)
    wanted = parameter_names(sql)
    missing = wanted - params.keys()
    if missing:
        raise ValueError(f"reader statement {name!r} needs parameters {sorted(missing)}")
    bound = {k: (str(v) if isinstance(v, Path) else v) for k, v in params.items() if k in wanted}
    return con.sql(sql, params=bound or None)


def read_header(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    """The column names DuckDB sees in a CSV (used to pick among a reader's layouts)."""
    rel = con.sql(
        "SELECT * FROM read_csv($path, all_varchar = true, header = true) LIMIT 0",
        params={"path": str(path)},
    )
    return list(rel.columns)


#: What readers emit, checked by tests: each output carries the contract's columns in
#: order, optionally followed by ``source_line``.
OUTPUT_COLUMNS: dict[str, tuple[str, ...]] = {
    OBSERVATIONS.name: OBSERVATIONS.column_names,
    ORGANISATIONS.name: ORGANISATIONS.column_names,
}
