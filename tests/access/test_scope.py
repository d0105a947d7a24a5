"""Organisation scopes: an ICB covers its trusts, a region its ICBs and theirs, * everything."""

from impact.access import OrgScope
from impact.orgs import Org, OrgTree
from tests.sample_orgs import TREE


def test_an_icb_covers_itself_and_its_trusts_only() -> None:
    assert OrgScope.of(["I1"]).expand(TREE) == {"I1", "T1", "T2"}


def test_a_region_covers_its_icbs_and_their_trusts() -> None:
    assert OrgScope.of(["R1"]).expand(TREE) == {"R1", "I1", "I2", "T1", "T2", "T3"}


def test_star_covers_every_organisation_and_keeps_the_tree() -> None:
    scope = OrgScope.of(["*"])
    assert scope.is_everything
    assert scope.expand(TREE) == {"N1", "R1", "R2", "I1", "I2", "T1", "T2", "T3", "T4"}
    assert scope.restrict(TREE) is TREE


def test_a_trust_scope_is_that_trust_and_codes_not_in_the_data_are_kept() -> None:
    scope = OrgScope.of([" T4 ", "NEW01", ""])
    assert scope.codes == {"T4", "NEW01"}
    assert scope.allows("T4", TREE)
    assert not scope.allows("T1", TREE)


def test_restrict_makes_the_scope_the_top_of_the_picker() -> None:
    picker = OrgScope.of(["I1"]).restrict(TREE)
    assert [o.code for o in picker.children(None)] == ["I1"]
    assert [o.code for o in picker.children("I1")] == ["T1", "T2"]
    assert "R1" not in picker and "T3" not in picker
    assert picker.default_org() == "T1"


def test_a_cycle_in_the_tree_ends() -> None:
    looped = OrgTree([Org("A", "A", "icb", "B"), Org("B", "B", "icb", "A")])
    assert OrgScope.of(["A"]).expand(looped) == {"A", "B"}


def test_scope_words() -> None:
    assert OrgScope.of(["*"]).words(TREE) == "every organisation"
    assert OrgScope.of(["I1"]).words(TREE) == "Alpha ICB (I1)"
