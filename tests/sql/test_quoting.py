"""Quoting for generated shapes: a name of our own making can hold any character."""

from __future__ import annotations

import duckdb

from impact.sql import ident, lit


def test_a_literal_survives_quotes() -> None:
    text = "it's; DROP TABLE x --.csv"
    assert duckdb.connect().execute(f"SELECT {lit(text)} AS v").fetchone() == (text,)


def test_an_identifier_survives_quotes() -> None:
    name = 'odd "name"; --'
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t ({ident(name)} INTEGER)")
    assert [d[0] for d in con.execute("SELECT * FROM t").description] == [name]
