"""Like compared with like: a trust's peer kind read from what it reports, on a small store."""

from __future__ import annotations

from datetime import date

import pytest

from impact.board.peer_groups import peer_group, trust_kind
from tests.board.small_peers import small_store


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return small_store(tmp_path_factory)


@pytest.mark.parametrize(
    ("type1", "ambulance", "known", "kind"),
    [
        (True, False, True, "type1"),
        (False, False, True, "other"),
        (False, True, True, "ambulance"),
        (True, True, True, "ambulance"),  # ambulance measures decide, whatever else is reported
        (False, False, False, "trust"),  # no type 1 figures anywhere: kinds cannot be told
    ],
)
def test_the_kind_of_a_trust(type1, ambulance, known, kind):
    assert trust_kind(type1=type1, ambulance=ambulance, type1_known=known) == kind


def _group(small, code: str, scope: str = "parent", period_to: date = date(2025, 3, 31)):
    store, tree = small
    return peer_group(store.query, tree.get(code), tree.peers(code, scope), period_to)


def test_acute_trusts_are_compared_with_acute_trusts(small):
    group = _group(small, "A")
    assert (group.kind, group.codes) == ("type1", ("A", "B"))
    assert group.noun(1) == "trust with a type 1 A&E department"


def test_community_and_specialist_trusts_form_their_own_group(small):
    assert _group(small, "C").codes == ("C",)
    region = _group(small, "C", "region")
    assert (region.kind, set(region.codes)) == ("other", {"C", "E"})


def test_ambulance_trusts_are_compared_with_ambulance_trusts(small):
    group = _group(small, "D", "region")
    assert (group.kind, group.codes) == ("ambulance", ("D",))


def test_kinds_are_read_from_the_year_to_the_period_end(small):
    # Before any figures, nobody reports type 1 attendances: every trust is a peer.
    group = _group(small, "A", period_to=date(2024, 6, 30))
    assert group.kind == "trust" and set(group.codes) == {"A", "B", "C", "D"}


def test_icbs_are_compared_with_icbs(small):
    group = _group(small, "I")
    assert (group.kind, set(group.codes)) == ("icb", {"I", "J"})
