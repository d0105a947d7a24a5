"""A reader declared, not written: the header cells that identify a publication and the
named statements that turn it into contract rows.

Every CSV publication is read the same way, so each reader module only states what is its
own (see ``ae_monthly.py``)::

    READER = publication(
        "ae_monthly",
        "A&E Attendances and Emergency Admissions (monthly provider CSV)",
        Layout(
            required={"period", "org code", ...},
            rows=Statement("ae_monthly_providers", "path", "regions", alias="providers"),
            outputs={
                "observations": Statement("ae_monthly_observations"),
                "organisations": Statement("ae_monthly_organisations"),
            },
        ),
    )

A statement is ``queries/source_<name>.sql``, run through the one named-query runner
(:mod:`impact.sql`, strict: the declaration states exactly the parameters the SQL names).
When a layout has ``rows``, that statement reads the file once into a relation called
``alias`` and each output statement reads that relation (so takes no parameters).
Outputs are left in the types the SQL gives: the store casts every reader's rows to the
contract, as it does for any extract of that contract. Organisation names are put in
proper case here, once for every reader (:mod:`impact.sources.names`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from impact.sources import PublicationProblem, Reader
from impact.sources.header import header_has, header_set, normalise_cell, read_header
from impact.sources.icbs import icbs_param
from impact.sources.names import proper_named
from impact.sources.priority import edition_priority, publication_priority, revised_in_title
from impact.sources.regions import regions_param
from impact.sources.workbook import WorkbookError, read_sheet, sheet_title
from impact.sql import bind, relation

#: Readers' statements live in ``queries/`` beside every other named query, prefixed so a
#: newcomer finds a publication's SQL by its name: ``queries/source_ae_monthly_*.sql``.
SQL_PREFIX = "source_"

#: The values a statement may ask for, by parameter name, from the file being read.
PARAMETERS: dict[str, Callable[[Path], Any]] = {
    "path": str,
    "regions": lambda path: regions_param(),
    "icbs": lambda path: icbs_param(),
}

#: Values a layout supplies itself: ``sheet``, a worksheet's rows (see ``workbook``).
SUPPLIED = frozenset({"sheet"})


@dataclass(frozen=True)
class Statement:
    """One named statement (``queries/source_<name>.sql``) and the parameters it takes."""

    name: str
    params: tuple[str, ...] = ()
    alias: str | None = None  # for a ``rows`` statement: the relation name outputs read

    def __init__(self, name: str, *params: str, alias: str | None = None) -> None:
        unknown = set(params) - PARAMETERS.keys() - SUPPLIED
        if unknown:
            raise ValueError(f"statement {name!r}: no reader parameter {sorted(unknown)}")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "params", params)
        object.__setattr__(self, "alias", alias)

    @property
    def query(self) -> str:
        return SQL_PREFIX + self.name

    def run(
        self,
        con: duckdb.DuckDBPyConnection,
        path: Path,
        supplied: Mapping[str, Any] | None = None,
    ) -> duckdb.DuckDBPyRelation:
        """The statement on the file, with exactly its declared parameters bound."""
        given = supplied or {}
        values = {p: given[p] if p in given else PARAMETERS[p](path) for p in self.params}
        return relation(con, self.query, **values)

    def over(self, rows: duckdb.DuckDBPyRelation, alias: str) -> duckdb.DuckDBPyRelation:
        """The statement over an earlier statement's relation (it may take no parameters)."""
        sql, _ = bind(self.query, {})
        return rows.query(alias, sql)


@dataclass(frozen=True)
class Layout:
    """One header layout of a publication and the statements that read it.

    ``required`` holds the header cells (normalised: lower case, single spaces) that
    identify the layout; with ``exact`` the header may hold nothing else. ``outputs`` maps
    each contract to the statement giving its rows; with ``rows``, those statements read
    the relation ``rows.alias`` that statement gives instead of the file. ``needs`` names
    the further cells the statements read (cell as published → what it holds): a
    recognised file that lacks one is refused with a message naming the column, rather
    than with a SQL error.
    """

    required: AbstractSet[str]
    outputs: Mapping[str, Statement]
    rows: Statement | None = None
    exact: bool = False
    needs: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "required", frozenset(self.required))
        if self.rows is None:
            return
        if self.rows.alias is None or any(s.params for s in self.outputs.values()):
            raise ValueError("a rows statement needs an alias, and outputs over it no parameters")

    def matches(self, header: list[str]) -> bool:
        if self.exact and header_set(header) != self.required:
            return False
        return header_has(header, self.required)

    def statements(self) -> list[Statement]:
        """Every statement this layout runs (for the tests that check them against the SQL)."""
        return ([self.rows] if self.rows else []) + list(self.outputs.values())

    def read(
        self, con: duckdb.DuckDBPyConnection, path: Path
    ) -> dict[str, duckdb.DuckDBPyRelation]:
        if self.needs:
            check_needs(read_header(con, path), self.needs)
        if self.rows is not None:
            return outputs_over(con, self.rows.run(con, path), self.rows, self.outputs)
        out = {name: s.run(con, path) for name, s in self.outputs.items()}
        return named_properly(con, out)


def outputs_over(
    con: duckdb.DuckDBPyConnection,
    rows: duckdb.DuckDBPyRelation,
    statement: Statement,
    outputs: Mapping[str, Statement],
) -> dict[str, duckdb.DuckDBPyRelation]:
    """Each output statement over the relation a ``rows`` statement gave.

    The rows are read once, here, and handed back to DuckDB as a bound list: otherwise
    every output would read the file again (an RTT extract is 85 MB), while the rows a
    publication gives are few (one per organisation and month).
    """
    assert statement.alias is not None
    columns = rows.columns
    fetched = [dict(zip(columns, r, strict=True)) for r in rows.fetchall()]
    if fetched:
        rows = relation(con, "source_bound_rows", rows=fetched)
    return named_properly(con, {name: s.over(rows, statement.alias) for name, s in outputs.items()})


def named_properly(
    con: duckdb.DuckDBPyConnection, out: dict[str, duckdb.DuckDBPyRelation]
) -> dict[str, duckdb.DuckDBPyRelation]:
    """Outputs with the organisation names in proper case, once for every reader."""
    if "organisations" in out:
        out["organisations"] = proper_named(con, out["organisations"])
    return out


class MissingColumns(PublicationProblem):
    """A recognised publication lacks columns its figures are computed from."""


def check_needs(header: list[str], needs: Mapping[str, str]) -> None:
    """Raise :class:`MissingColumns` naming every needed cell the header lacks."""
    cells = header_set(header)
    missing = [
        f"{cell} ({meaning})"
        for cell, meaning in needs.items()
        if normalise_cell(cell) not in cells
    ]
    if missing:
        raise MissingColumns(f"the file has no column {', '.join(missing)}")


@dataclass(frozen=True)
class Publication:
    """A publication's layouts, most specific first; the reader picks the first that fits."""

    layouts: tuple[Layout, ...]

    def matches(self, header: list[str]) -> bool:
        return any(layout.matches(header) for layout in self.layouts)

    def outputs(
        self, con: duckdb.DuckDBPyConnection, path: Path
    ) -> dict[str, duckdb.DuckDBPyRelation]:
        layout = self.layouts[0] if len(self.layouts) == 1 else self._layout_of(con, path)
        return layout.read(con, path)

    def _layout_of(self, con: duckdb.DuckDBPyConnection, path: Path) -> Layout:
        header = read_header(con, path)
        for layout in self.layouts:
            if layout.matches(header):
                return layout
        raise ValueError(f"{path.name} has none of this publication's layouts")


def publication(
    name: str,
    title: str,
    *layouts: Layout,
    priority: Callable[[Path], int] = publication_priority,
) -> Reader:
    """The :class:`Reader` for a publication declared by its layouts."""
    spec = Publication(layouts)
    return Reader(name, title, spec.matches, spec.outputs, priority, spec)


@dataclass(frozen=True)
class SheetLayout:
    """A workbook publication: the sheet its figures are on, and the statements reading it.

    ``required`` holds the header cells looked for (normalised) in the sheet's first rows;
    ``rows`` takes the worksheet's rows as its ``sheet`` parameter (a list of structs of
    text cells, with ``source_line`` the Excel row and ``title_<label>`` the title block).
    """

    sheet: str
    required: AbstractSet[str]
    rows: Statement
    outputs: Mapping[str, Statement]

    def __post_init__(self) -> None:
        object.__setattr__(self, "required", frozenset(self.required))
        if self.rows.alias is None or "sheet" not in self.rows.params:
            raise ValueError("a sheet layout's rows statement takes 'sheet' and has an alias")
        if any(s.params for s in self.outputs.values()):
            raise ValueError("outputs over a rows statement take no parameters")

    def statements(self) -> list[Statement]:
        return [self.rows, *self.outputs.values()]

    def read(
        self, con: duckdb.DuckDBPyConnection, path: Path
    ) -> dict[str, duckdb.DuckDBPyRelation]:
        sheet = read_sheet(path, self.sheet, self.required)
        if not sheet.rows:
            raise WorkbookError(f"sheet '{self.sheet}' has no rows below its header")
        rows = self.rows.run(con, path, {"sheet": sheet.rows})
        return outputs_over(con, rows, self.rows, self.outputs)


@dataclass(frozen=True)
class WorkbookPublication:
    """A workbook publication, recognised by its sheet names (any of ``signature``)."""

    signature: AbstractSet[str]
    layouts: tuple[SheetLayout, ...]

    def matches(self, sheets: list[str]) -> bool:
        return bool(set(self.signature) & set(sheets))

    def outputs(
        self, con: duckdb.DuckDBPyConnection, path: Path
    ) -> dict[str, duckdb.DuckDBPyRelation]:
        out: dict[str, duckdb.DuckDBPyRelation] = {}
        for layout in self.layouts:
            out.update(layout.read(con, path))
        return out

    def priority(self, path: Path) -> int:
        """A revised edition (its title block has a ``Revised:`` date) beats the original."""
        title = sheet_title(path, self.layouts[0].sheet)
        return edition_priority(revised_in_title(title.get("title_revised")))


def workbook_publication(
    name: str, title: str, signature: AbstractSet[str], *layouts: SheetLayout
) -> Reader:
    """The :class:`Reader` for a workbook publication declared by its sheet layouts."""
    spec = WorkbookPublication(frozenset(signature), layouts)
    return Reader(name, title, spec.matches, spec.outputs, spec.priority, spec, form="workbook")
