"""The one named-query runner: strict parameters, bound values, names without paths."""

from __future__ import annotations

import os

import duckdb
import pytest

from impact import sql


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "pick.sql").write_text(
        "-- one row back, with the value bound\nSELECT $value AS v, 'it''s $not' AS s\n"
    )
    (tmp_path / "plain.sql").write_text("SELECT 42 AS answer -- $comment is not a parameter\n")
    return tmp_path


def test_parameters_are_those_the_text_names() -> None:
    text = "SELECT $a, $b_2 -- $c\nFROM t WHERE x = '$d' AND y = $a"
    assert sql.parameter_names(text) == {"a", "b_2"}


def test_values_are_bound_never_pasted(folder) -> None:
    con = duckdb.connect()
    hostile = "x'; DROP TABLE t; --"
    df = sql.run(con, "pick", folder, value=hostile)
    assert df.to_dict("records") == [{"v": hostile, "s": "it's $not"}]
    assert sql.relation(con, "plain", folder).fetchall() == [(42,)]


@pytest.mark.parametrize(
    ("params", "message"),
    [({}, r"missing \['value'\]"), ({"value": 1, "other": 2}, r"unknown \['other'\]")],
)
def test_missing_or_unknown_parameters_are_refused(folder, params, message) -> None:
    with pytest.raises(sql.QueryError, match=message):
        sql.run(duckdb.connect(), "pick", folder, **params)


def test_paths_are_bound_as_text(folder, tmp_path) -> None:
    text, bound = sql.bind("pick", {"value": tmp_path}, folder)
    assert bound == {"value": str(tmp_path)}
    assert "$value" in text


@pytest.mark.parametrize("name", ["../pick", "Pick", "pick.sql", "a/b", ""])
def test_names_cannot_reach_outside_the_folder(folder, name) -> None:
    with pytest.raises(sql.QueryError):
        sql.load_sql(name, folder)


def test_an_unknown_name_says_where_it_looked(folder) -> None:
    with pytest.raises(sql.QueryError, match="no query named 'absent'"):
        sql.load_sql("absent", folder)


def test_an_edited_file_is_read_again(folder) -> None:
    assert "42" in sql.load_sql("plain", folder)
    path = folder / "plain.sql"
    path.write_text("SELECT 43 AS answer\n")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert "43" in sql.load_sql("plain", folder)


def test_every_shipped_query_loads_and_names_its_parameters() -> None:
    names = sorted(p.stem for p in sql.QUERIES_DIR.glob("*.sql"))
    assert names, "queries/ holds the named statements"
    for name in names:
        text = sql.load_sql(name)
        assert text.lstrip().startswith("--"), f"{name}.sql starts with a header comment"
