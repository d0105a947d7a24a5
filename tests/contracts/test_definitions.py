"""The eleven contracts as stated: complete examples, worded types, keys that are columns."""

from __future__ import annotations

import pytest

from impact import contracts
from impact.upload import validate_upload


def test_every_example_row_fills_every_column() -> None:
    for contract in contracts.CONTRACTS.values():
        assert set(contract.example) == set(contract.column_names), contract.name


def test_every_column_type_has_words_for_analysts() -> None:
    for contract in contracts.CONTRACTS.values():
        for column in contract.columns:
            assert column.type in contracts.TYPE_WORDS, (contract.name, column.name)


@pytest.mark.parametrize("contract", list(contracts.CONTRACTS.values()), ids=lambda c: c.name)
def test_every_key_column_is_a_required_column(contract: contracts.Contract) -> None:
    assert set(contract.key) <= set(contract.column_names)
    assert contract.key[0] in contract.required_names


def test_every_enumeration_and_pattern_has_its_words() -> None:
    for contract in contracts.CONTRACTS.values():
        for column in contract.columns:
            if column.pattern:
                assert column.rule, (contract.name, column.name)


METRICS_HEADER = (
    "metric_id,metric_name,priority,board_question,unit,improvement_direction,frequency,"
    "chart,limits\n"
)


def _metrics_file(chart: str, limits: str) -> bytes:
    row = f"ae_4hr,A&E 4-hour,uec,Seen in four hours?,percent,increase,month,{chart},{limits}\n"
    return (METRICS_HEADER + row).encode()


@pytest.mark.parametrize(("chart", "limits"), [("pp", "auto"), ("c", "fixed"), ("", ""), ("t", "")])
def test_the_metrics_contract_takes_every_chart_and_limits_mode(chart: str, limits: str) -> None:
    check = validate_upload(_metrics_file(chart, limits), "metrics.csv")
    assert check.can_save, check.findings


@pytest.mark.parametrize(
    ("chart", "limits", "column"), [("xmr", "auto", "chart"), ("i", "sometimes", "limits")]
)
def test_the_metrics_contract_refuses_an_unknown_chart_or_limits_mode(
    chart: str, limits: str, column: str
) -> None:
    check = validate_upload(_metrics_file(chart, limits), "metrics.csv")
    assert not check.can_save
    assert [f.column for f in check.findings if f.severity == "error"] == [column]


def test_the_chart_and_limits_columns_list_their_choices() -> None:
    metrics = contracts.CONTRACTS["metrics"]
    assert metrics.column("chart").enum == ("i", "p", "pp", "u", "up", "c", "g", "t")
    assert metrics.column("limits").enum == ("auto", "fixed")
    assert not metrics.column("chart").required and not metrics.column("limits").required
