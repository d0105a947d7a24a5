"""The contract's rules, one per test: each finding names the file, line, column and value.

The rows are read by :func:`impact.ingest.one_file.ingest_file`, as the store reads them, so each
test also proves the rule's SQL and its words meet (:mod:`impact.ingest.rules`).
"""

from __future__ import annotations

import pytest

from impact.contracts import OBSERVATIONS, SELF_ASSESSMENT
from impact.ingest import ROWS_REJECTED
from impact.ingest.rules import COLUMN_RULES, column_rules, duplicate_words
from tests.extracts import OBS_HEADER
from tests.ingest.conftest import errors

METRICS_HEADER = (
    "metric_id,metric_name,priority,board_question,unit,improvement_direction,frequency\n"
)
SA_HEADER = "org_code,assessment_date,component,score\n"


def test_a_blank_required_value_is_rejected(read_one) -> None:
    result = read_one("obs.csv", OBS_HEADER + "m,T01,2025-01-01,1,,\nm,,2025-02-01,2,,\n")
    assert errors(result) == [("obs.csv", 3, "org_code", "", "`org_code` is blank; it is required")]
    assert (result.report.rows_read, result.report.rows_rejected) == (2, 1)
    assert result.report.status == ROWS_REJECTED


def test_a_blank_marker_counts_as_blank(read_one) -> None:
    result = read_one("obs.csv", OBS_HEADER + "m,n/a,2025-01-01,1,,\n")
    assert errors(result)[0][1:3] == (2, "org_code")


def test_a_value_outside_an_enumeration_is_rejected(read_one) -> None:
    result = read_one(
        "metrics.csv", METRICS_HEADER + "m_one,One,urgent,Is it?,count,increase,month\n"
    )
    assert errors(result) == [
        (
            "metrics.csv",
            2,
            "priority",
            "urgent",
            "`priority` = `urgent` is not one of: elective, uec, primary_care, improvement",
        )
    ]


def test_a_value_not_matching_its_pattern_is_rejected_in_the_rules_words(read_one) -> None:
    result = read_one(
        "metrics.csv",
        METRICS_HEADER
        + "Bad Id,One,uec,Is it?,count,increase,month\n"
        + "m_two,Two,uec,Not a question,count,increase,month\n",
    )
    assert errors(result) == [
        (
            "metrics.csv",
            2,
            "metric_id",
            "Bad Id",
            "`metric_id` = `Bad Id` is not a lower-case slug (letters, digits, _ or -)",
        ),
        (
            "metrics.csv",
            3,
            "board_question",
            "Not a question",
            "`board_question` = `Not a question` is not a question ending with '?'",
        ),
    ]


def test_a_number_outside_its_range_is_rejected_as_typed(read_one) -> None:
    result = read_one(
        "sa.csv",
        SA_HEADER + "T01,2025-03-31,people_and_culture,7\nT01,2025-03-31,leadership_behaviours,0\n",
    )
    assert errors(result) == [
        ("sa.csv", 2, "score", "7", "`score` = `7` is above the maximum 5"),
        ("sa.csv", 3, "score", "0", "`score` = `0` is below the minimum 1"),
    ]


def test_a_repeated_key_keeps_the_first_row_and_names_its_line(read_one) -> None:
    result = read_one(
        "obs.csv",
        OBS_HEADER + "m,T01,2025-01-01,1,,\nm,T02,2025-01-01,2,,\nm,T01,2025-01-01,3,,\n",
    )
    assert errors(result) == [
        (
            "obs.csv",
            4,
            "metric_id, org_code, period_start",
            "",
            "duplicate key: the same metric_id, org_code, period_start as line 2; line 2 is kept",
        )
    ]
    assert result.outputs["observations"].rows == 2


def test_a_value_that_is_not_of_its_type_is_rejected(read_one) -> None:
    result = read_one("obs.csv", OBS_HEADER + "m,T01,31/13/2025,1,,\nm,T01,2025-02-01,lots,,\n")
    assert errors(result) == [
        (
            "obs.csv",
            2,
            "period_start",
            "31/13/2025",
            "`period_start` = `31/13/2025` is not a date; expected YYYY-MM-DD",
        ),
        ("obs.csv", 3, "value", "lots", "`value` = `lots` is not a number"),
    ]


def test_a_row_breaking_two_rules_is_rejected_once_and_reported_for_each(read_one) -> None:
    result = read_one("sa.csv", SA_HEADER + "T01,2025-03-31,nonsense,9\n")
    assert [f[2] for f in errors(result)] == ["component", "score"]
    assert result.report.rows_rejected == 1


@pytest.mark.parametrize("kind", [rule.kind for rule in COLUMN_RULES])
def test_every_kind_of_column_rule_is_used_by_some_contract(kind: str) -> None:
    from impact.contracts import CONTRACTS

    assert any(k == kind for c in CONTRACTS.values() for _col, _sql, k in column_rules(c))


def test_column_rules_list_each_rule_of_a_contract_once() -> None:
    kinds = [(col, kind) for col, _sql, kind in column_rules(SELF_ASSESSMENT)]
    assert ("score", "minimum") in kinds and ("score", "maximum") in kinds
    assert ("component", "enum") in kinds and ("evidence", "blank") not in kinds
    assert len(kinds) == len(set(kinds))


def test_a_duplicate_with_no_earlier_line_says_so() -> None:
    column, reason = duplicate_words(OBSERVATIONS, None)
    assert column == "metric_id, org_code, period_start"
    assert reason.endswith("as an earlier row; an earlier row is kept")
