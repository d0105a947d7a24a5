"""What a contract is: its columns, their types and rules, and the blank markers.

A contract is data, not code: :mod:`impact.contracts.definitions` states each one with
these two classes, and everything that checks or documents an extract reads them.
Column types are DuckDB types, because DuckDB reads every extract (``read_csv`` with
these explicit types).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Strings that mean "no value" in NHS extracts; passed to DuckDB's ``nullstr``.
NULL_STRINGS: tuple[str, ...] = ("", "-", "n/a", "N/A", "NA", "*", "null", "NULL")

#: How a DuckDB type is described to an analyst when a value does not fit it.
TYPE_WORDS: dict[str, str] = {
    "DATE": "a date; expected YYYY-MM-DD",
    "DOUBLE": "a number",
    "INTEGER": "a whole number",
    "BOOLEAN": "true or false",
    "VARCHAR": "text",
}


def bound_text(x: float) -> str:
    """A minimum or maximum as an analyst reads it: ``5``, not ``5.0``."""
    return f"{x:g}"


@dataclass(frozen=True)
class Column:
    """One column of a contract.

    ``enum`` lists the allowed values (compared case-sensitively after trimming);
    ``minimum``/``maximum`` bound numbers (inclusive); ``pattern`` is a regular
    expression the whole value must match; ``rule`` names the check in words.
    """

    name: str
    type: str = "VARCHAR"
    required: bool = True
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    rule: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Contract:
    """A named extract layout: its columns, its unique key and an example row."""

    name: str
    title: str
    purpose: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    example: dict[str, str] = field(default_factory=dict)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def duckdb_types(self) -> dict[str, str]:
        """Column name → DuckDB type, for ``read_csv(types=...)``."""
        return {c.name: c.type for c in self.columns}
