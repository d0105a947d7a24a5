"""The organisation tree: walking it both ways, peer groups, comparators, picker labels."""

import pytest

from impact.orgs import Org, OrgTree, level_label
from tests.sample_orgs import TREE


def test_hierarchy_walks_both_ways():
    assert [o.code for o in TREE.ancestors("T1")] == ["I1", "R1", "N1"]
    assert [o.code for o in TREE.children("R1", "icb")] == ["I1", "I2"]
    assert [o.code for o in TREE.descendants("R1", "trust")] == ["T1", "T2", "T3"]
    assert TREE.ancestor_of_type("T3", "region").code == "R1"


def test_peers_by_parent_and_by_region():
    assert [o.code for o in TREE.peers("T1")] == ["T1", "T2"]
    assert [o.code for o in TREE.peers("T1", "region")] == ["T1", "T2", "T3"]
    assert [o.code for o in TREE.peers("I1")] == ["I1", "I2"]
    assert TREE.peers("nope") == []


def test_peers_in_england_are_every_one_of_the_type_below_the_nation():
    assert [o.code for o in TREE.peers("T1", "england")] == ["T1", "T2", "T3", "T4"]
    assert [o.code for o in TREE.peers("I1", "england")] == ["I1", "I2"]
    assert [o.code for o in TREE.peers("R1", "england")] == ["R1", "R2"]
    # Without a nation above, every organisation of the type in the data.
    flat = OrgTree([Org("A", "A", "trust", None), Org("B", "B", "trust", "X")])
    assert [o.code for o in flat.peers("A", "england")] == ["A", "B"]


def test_cycle_does_not_loop():
    tree = OrgTree([Org("A", "A", "icb", "B"), Org("B", "B", "region", "A")])
    assert [o.code for o in tree.ancestors("A")] == ["B"]


def test_comparators_are_the_organisation_its_icb_and_region():
    assert TREE.comparator_codes("T1") == ["T1", "I1", "R1"]
    assert TREE.comparator_codes("T4") == ["T4", "R2"]
    assert TREE.comparator_codes("nope") == ["nope"]


def test_default_org_is_the_first_trust_by_name():
    assert TREE.default_org() == "T1"
    assert OrgTree([Org("I9", "Zed ICB", "icb", None)]).default_org() == "I9"
    assert OrgTree([]).default_org() is None


@pytest.mark.parametrize(
    ("types", "label"),
    [
        ({"region"}, "Region"),
        ({"icb"}, "Integrated care board (ICB)"),
        ({"icb", "other"}, "Integrated care board (ICB) or other organisation"),
        ({"trust"}, "Trust"),
        ({"trust", "other"}, "Trust or other organisation"),
        ({"trust", "pcn"}, "Trust or primary care network"),
        ({"other"}, "Organisation"),
        (set(), "Organisation"),
    ],
)
def test_picker_level_labels_name_what_they_list(types, label):
    assert level_label(types) == label
