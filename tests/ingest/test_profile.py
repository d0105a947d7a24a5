"""One pass over read rows: problems counted, periods, organisations and the key summary."""

from __future__ import annotations

import duckdb

from impact.contracts import METRICS, OBSERVATIONS
from impact.ingest import profile as profile_module
from impact.ingest.profile import profile


def _table(con: duckdb.DuckDBPyConnection, values: str) -> str:
    con.execute(
        "CREATE TABLE t AS SELECT metric_id, org_code, CAST(period_start AS DATE) AS period_start, "
        "CAST(value AS DOUBLE) AS value, NULL::DOUBLE AS numerator, NULL::DOUBLE AS denominator "
        f"FROM (VALUES {values}) v(metric_id, org_code, period_start, value)"
    )
    return "t"


def test_a_clean_table_has_no_problems_and_its_summary() -> None:
    con = duckdb.connect()
    source = _table(con, "('m1','T01','2025-01-01',1), ('m2','T02','2025-03-01',2)")
    problems, summary, orgs = profile(con, OBSERVATIONS, source)
    assert (problems, summary.rows, orgs) == (0, 2, 2)
    assert (summary.first_period, summary.last_period) == ("2025-01-01", "2025-03-01")
    assert (summary.keys, summary.key_from, summary.key_to) == (
        ["m1", "m2"],
        "2025-01-01",
        "2025-03-01",
    )


def test_blanks_repeated_keys_and_extra_conditions_count_as_problems() -> None:
    con = duckdb.connect()
    source = _table(
        con, "('m1','T01','2025-01-01',1), ('m1','T01','2025-01-01',2), ('m1',NULL,'2025-02-01',3)"
    )
    assert profile(con, OBSERVATIONS, source)[0] == 2  # one repeat, one blank org_code
    assert profile(con, OBSERVATIONS, source, also_bad=("value > 2",))[0] == 3


def test_too_many_key_values_are_not_listed(monkeypatch) -> None:
    monkeypatch.setattr(profile_module, "MAX_KEY_VALUES", 1)
    con = duckdb.connect()
    source = _table(con, "('m1','T01','2025-01-01',1), ('m2','T01','2025-01-01',2)")
    assert profile(con, OBSERVATIONS, source)[1].keys is None


def test_a_contract_without_dates_or_organisations_has_no_periods() -> None:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE m AS SELECT 'm1' AS metric_id, 'M' AS metric_name, 'uec' AS priority, "
        "'Q?' AS board_question, 'count' AS unit, 'increase' AS improvement_direction, "
        "'month' AS frequency, NULL AS definition, NULL AS source, NULL AS chart, "
        "NULL AS limits, NULL AS question_kind"
    )
    problems, summary, orgs = profile(con, METRICS, "m")
    assert (problems, orgs, summary.first_period, summary.key_from) == (0, 0, None, None)
