"""Readers for NHS England publications, recognised by header like any extract.

A national publication (A&E monthly provider CSV, Cancer Waiting Times, Appointments in
General Practice, RTT, the ODS organisation lists) does not follow our contracts, so a
*reader* turns the file, exactly as downloaded, into rows of one or more contracts using
DuckDB SQL. The store tries the contracts first and then these readers; whatever a reader
returns is cast, validated and combined exactly like an extract written to the contract.

One module per publication defines ``READER``, declared with
:func:`impact.sources.publication.publication` (its header cells and its statements in
``queries/source_*.sql``); the registry below collects them in module-name order. The
other modules hold what every reader shares, each named for its one job: ``header``
(recognising a file), ``regions``, ``priority`` (which edition wins), ``names`` (names as
people write them) and ``publication`` (running the declared statements).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    from impact.sources.publication import Publication, WorkbookPublication


class PublicationProblem(ValueError):
    """A publication file the reader recognised but cannot use, in words an analyst acts on.

    The store shows the message as the file's finding; it is the file's fault, not ours.
    """


def _no_priority(path: Path) -> int:
    return 0


@dataclass(frozen=True)
class Reader:
    """How one publication becomes contract rows (the interface the store calls).

    ``matches(header)`` gets the raw header cells of a file (for a reader of ``form``
    ``"workbook"``: the workbook's sheet names) and says whether this is the publication.
    ``outputs(con, path)`` returns contract name → DuckDB relation holding that contract's
    columns (the store casts them to the contract's types; a
    ``source_line`` column may be added so findings can name the line). ``priority(path)``
    ranks editions of the same figures: on a duplicate key the higher wins (a revised file
    beats the original). ``spec`` is the declaration a reader was built from, if any.
    """

    name: str
    title: str
    matches: Callable[[list[str]], bool]
    outputs: Callable[[duckdb.DuckDBPyConnection, Path], dict[str, duckdb.DuckDBPyRelation]]
    priority: Callable[[Path], int] = _no_priority
    spec: Publication | WorkbookPublication | None = None
    form: str = "csv"  # "csv" (header cells) or "workbook" (sheet names)


def all_readers() -> list[Reader]:
    """Every reader defined in this package, in module-name order."""
    readers: list[Reader] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        reader = getattr(module, "READER", None)
        if isinstance(reader, Reader):
            readers.append(reader)
    return readers


def match_reader(header: list[str], form: str = "csv") -> Reader | None:
    """The first reader of this form that recognises the header (or sheet names), or ``None``."""
    for reader in all_readers():
        if reader.form == form and reader.matches(header):
            return reader
    return None
