"""The generated read and cache shapes: typed ``read_csv``, select list, order, file name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from impact.contracts import METRICS, OBSERVATIONS
from impact.ingest import FileStat
from impact.ingest.csv_sql import order_by, parquet_name, read_csv_sql, select_list
from tests.extracts import write


def test_a_file_is_read_typed_by_its_contract_with_absent_columns_null(tmp_path: Path) -> None:
    path = write(
        tmp_path / "o.csv",
        "value,org_code,metric_id,period_start,extra\n"
        "7, T01 ,m,2025-01-01,x\nn/a,T02,m,2025-02-01,y\n",
    )
    names = ["value", "org_code", "metric_id", "period_start", "extra"]
    reader = read_csv_sql(OBSERVATIONS, names, [path], "rj", "rs")
    con = duckdb.connect()
    got = con.execute(f"SELECT {select_list(OBSERVATIONS, names)} FROM {reader}").fetchall()
    assert got == [
        ("m", "T01", date(2025, 1, 1), 7.0, None, None),
        ("m", "T02", date(2025, 2, 1), None, None, None),
    ]
    untrimmed = con.execute(
        f"SELECT org_code FROM (SELECT {select_list(OBSERVATIONS, names, trim=False)} "
        f"FROM {read_csv_sql(OBSERVATIONS, names, [path], 'rj2', 'rs2')}) LIMIT 1"
    ).fetchall()
    assert untrimmed == [(" T01 ",)]


def test_only_contracts_with_organisations_are_sorted_by_them() -> None:
    assert order_by(OBSERVATIONS) == "ORDER BY org_code"
    assert order_by(METRICS) == ""


def test_the_cache_file_name_changes_when_the_file_does() -> None:
    stat = FileStat("sub/o.csv", Path("sub/o.csv"), 10, 5)
    name = parquet_name(stat, OBSERVATIONS)
    assert name.endswith("-10-5-observations.parquet")
    assert parquet_name(FileStat("sub/o.csv", stat.path, 11, 5), OBSERVATIONS) != name
    assert parquet_name(FileStat("sub/p.csv", stat.path, 10, 5), OBSERVATIONS) != name
    assert "/" not in name
