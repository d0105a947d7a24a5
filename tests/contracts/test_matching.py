"""Matching a header to its contract: by the columns it holds, never by the file's name."""

from __future__ import annotations

import pytest

from impact import contracts


@pytest.mark.parametrize("contract", list(contracts.CONTRACTS.values()), ids=lambda c: c.name)
def test_every_contract_matches_its_own_header(contract: contracts.Contract) -> None:
    assert contracts.match_contract(list(contract.column_names)) is contract


@pytest.mark.parametrize("contract", list(contracts.CONTRACTS.values()), ids=lambda c: c.name)
def test_required_columns_alone_are_enough(contract: contracts.Contract) -> None:
    assert contracts.match_contract(list(contract.required_names)) is contract


def test_order_case_bom_spaces_and_extra_columns_do_not_matter() -> None:
    header = ["\ufeffValue ", "PERIOD_START", "comment", "org_code", "Metric_ID"]
    assert contracts.match_contract(header) is contracts.OBSERVATIONS


def test_projects_are_not_mistaken_for_a_looser_contract() -> None:
    # A projects file also holds org_code and metric_id; it must still be "projects".
    assert contracts.match_contract(list(contracts.PROJECTS.column_names)) is contracts.PROJECTS


def test_missing_required_column_matches_nothing_and_names_what_is_missing() -> None:
    header = ["metric_id", "org_code", "period_start", "numerator"]
    assert contracts.match_contract(header) is None
    closest, missing = contracts.closest_contract(header)
    assert closest is contracts.OBSERVATIONS
    assert missing == ["value"]
