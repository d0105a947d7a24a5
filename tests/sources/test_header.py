"""Recognising a publication by its header: loose spelling is forgiven, our own contracts'
headers are never claimed."""

from __future__ import annotations

from impact.sources.header import header_has, header_set, normalise_cell


def test_cells_are_compared_without_bom_case_padding_or_doubled_spaces() -> None:
    assert normalise_cell("\ufeffOrg  Code ") == "org code"
    assert header_set(["Period", " ", "", "ORG CODE"]) == {"period", "org code"}


def test_a_header_must_hold_every_required_cell() -> None:
    assert header_has(["Period", "Org Code", "extra"], {"period", "org code"})
    assert not header_has(["Period"], {"period", "org code"})


def test_a_header_holding_one_of_our_contracts_is_never_a_publication() -> None:
    ours = ["metric_id", "org_code", "period_start", "value", "region_code", "region_name"]
    assert not header_has(ours, {"region_code", "region_name"})
