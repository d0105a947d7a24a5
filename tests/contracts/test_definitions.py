"""The ten contracts as stated: complete examples, worded types, keys that are columns."""

from __future__ import annotations

import pytest

from impact import contracts


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
