"""Another organisation's unpublished figures are hidden; published-only ones stay public."""

import pandas as pd

from impact.access import OrgScope, hidden_orgs, without_hidden
from tests.sample_orgs import TREE


def test_only_unpublished_organisations_outside_the_scope_are_hidden() -> None:
    # T1 and T3 are named by analysts' own extracts; T4 only by published statistics.
    hidden = hidden_orgs(OrgScope.of(["I1"]), TREE, ["T1", "T3"])
    assert hidden == {"T3"}


def test_everything_hides_nothing() -> None:
    assert hidden_orgs(OrgScope.of(["*"]), TREE, ["T1", "T3"]) == frozenset()


def test_an_empty_scope_hides_every_unpublished_organisation() -> None:
    assert hidden_orgs(OrgScope.of([]), TREE, ["T1", "T3"]) == {"T1", "T3"}


def test_rows_of_hidden_organisations_are_removed() -> None:
    frame = pd.DataFrame({"org_code": ["T1", "T3", "T4"], "value": [1.0, 2.0, 3.0]})
    kept = without_hidden(frame, frozenset({"T3"}))
    assert list(kept["org_code"]) == ["T1", "T4"]
    assert list(kept.index) == [0, 1]
    no_orgs = pd.DataFrame({"month": [1]})
    assert without_hidden(no_orgs, frozenset({"T3"})) is no_orgs
