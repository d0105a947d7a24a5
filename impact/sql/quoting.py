"""Quoting for the few SQL statements whose *shape* we generate (contract columns, paths).

User values never pass through here: they are bound as ``$parameters`` (see
:mod:`impact.sql.named`). These two functions quote names and literals of our own making
(a contract's column names, a cache file's path) for the statements that cannot take a
parameter in that position, such as ``COPY ... TO 'path'``.
"""

from __future__ import annotations


def lit(text: str) -> str:
    """A SQL string literal (for identifiers of our own making, never for user values)."""
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'
