"""Readers for NHS England publications, recognised by header like any extract.

A national publication (A&E monthly provider CSV, Cancer Waiting Times, Appointments in
General Practice, RTT, the ODS trust list) does not follow our contracts, so a *reader*
turns the file, exactly as downloaded, into rows of one or more contracts using DuckDB
SQL. The store tries the contracts first and then these readers; whatever a reader
returns is validated and combined exactly like an extract written to the contract.

Each reader module in this package defines ``READER`` (a :class:`Reader`); the registry
below collects them in module-name order.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb


def _no_priority(path: Path) -> int:
    return 0


@dataclass(frozen=True)
class Reader:
    """How one publication becomes contract rows.

    ``matches(header)`` gets the raw header cells of a file and says whether this is the
    publication. ``outputs(con, path)`` returns contract name → DuckDB relation whose
    columns are that contract's (typed as the contract says; a ``source_line`` column
    may be added so findings can name the line). ``priority(path)`` ranks editions of
    the same figures: on a duplicate key the higher wins (a revised file beats the
    original).
    """

    name: str
    title: str
    matches: Callable[[list[str]], bool]
    outputs: Callable[[duckdb.DuckDBPyConnection, Path], dict[str, duckdb.DuckDBPyRelation]]
    priority: Callable[[Path], int] = _no_priority


def all_readers() -> list[Reader]:
    """Every reader defined in this package, in module-name order."""
    readers: list[Reader] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        reader = getattr(module, "READER", None)
        if isinstance(reader, Reader):
            readers.append(reader)
    return readers


def match_reader(header: list[str]) -> Reader | None:
    """The first reader that recognises this header, or ``None``."""
    for reader in all_readers():
        if reader.matches(header):
            return reader
    return None
