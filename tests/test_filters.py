"""URL filters: parsing with fallbacks and notes, round trips, the period's defaults."""

from datetime import date

import pytest

from impact.access import OrgScope
from impact.calendar import add_months
from impact.filters import FilterState, default_period, parse_filters, period_end
from tests.sample_orgs import TREE

MONTHS = [add_months(date(2022, 1, 1), i) for i in range(48)]  # 2022-01 … 2025-12


def test_defaults_when_url_is_empty():
    state, notes = parse_filters({}, TREE, MONTHS)
    assert notes == []
    assert state.org_code == "T1"  # first trust by name
    assert state.period_to == date(2025, 12, 1)
    assert state.period_from == date(2024, 1, 1)  # 24 months
    assert state.priority == "all" and not state.compare


def test_valid_url_round_trips():
    wanted = FilterState("T3", date(2023, 4, 1), date(2025, 3, 1), "uec", True, "region", "m1")
    state, notes = parse_filters(wanted.to_params(), TREE, MONTHS, ["m1"])
    assert notes == [] and state == wanted


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"org": "ZZZ' OR 1=1 --"}, "organisation"),
        ({"from": "last-year"}, "not a month"),
        ({"to": "2025-13"}, "not a month"),
        ({"from": "1800-01"}, "not a month"),
        ({"from": "2030-01"}, "outside the data"),
        ({"from": "2025-06", "to": "2024-01"}, "after it ends"),
        ({"priority": "<script>"}, "priority"),
        ({"compare": "maybe"}, "comparison"),
        ({"peers": "galaxy"}, "peer group"),
        ({"metric": "no_such"}, "metric"),
    ],
)
def test_malformed_values_fall_back_with_a_note(params, word):
    state, notes = parse_filters(params, TREE, MONTHS, ["m1"])
    assert len(notes) == 1 and word in notes[0]
    default, _ = parse_filters({}, TREE, MONTHS, ["m1"])
    for field in ("org", "priority", "compare", "peers", "metric"):
        key = {"org": "org_code"}.get(field, field)
        if field in params:
            assert getattr(state, key) == getattr(default, key)
    assert state.period_from <= state.period_to


def test_good_values_survive_a_bad_neighbour():
    state, notes = parse_filters({"org": "T2", "from": "garbage"}, TREE, MONTHS)
    assert state.org_code == "T2" and len(notes) == 1


def test_repeated_parameter_uses_last_value():
    state, _ = parse_filters({"org": ["T1", "T3"]}, TREE, MONTHS)
    assert state.org_code == "T3"


def test_period_end_and_default_period():
    assert period_end(date(2024, 2, 1)) == date(2024, 2, 29)
    assert period_end(date(2024, 12, 1)) == date(2024, 12, 31)
    assert FilterState("T1", date(2024, 1, 1), date(2024, 2, 1)).last_day == date(2024, 2, 29)
    assert default_period(MONTHS[:5]) == (MONTHS[0], MONTHS[4])
    assert default_period(MONTHS) == (MONTHS[24], MONTHS[-1])  # the latest 24 months


def test_query_string_overrides_metric():
    state = FilterState("T1", date(2024, 1, 1), date(2024, 12, 1))
    assert state.query_string(metric="ae_4hr_all") == (
        "org=T1&from=2024-01&to=2024-12&metric=ae_4hr_all"
    )


def test_the_default_period_is_the_organisations_latest_24_months():
    # T3 stopped reporting at the end of 2024: its default ends there, not at the folder's end.
    own = {"T3": MONTHS[:36]}
    state, notes = parse_filters({"org": "T3"}, TREE, MONTHS, org_months=lambda c: own.get(c, []))
    assert notes == []
    assert (state.period_from, state.period_to) == (date(2023, 1, 1), date(2024, 12, 1))
    # An organisation with no figures of its own falls back to every month in the data.
    state, _ = parse_filters({"org": "T2"}, TREE, MONTHS, org_months=lambda c: own.get(c, []))
    assert (state.period_from, state.period_to) == (date(2024, 1, 1), date(2025, 12, 1))


def test_a_period_in_the_url_is_kept_whatever_the_organisations_months():
    own = {"T3": MONTHS[:36]}
    params = {"org": "T3", "from": "2025-01", "to": "2025-06"}
    state, notes = parse_filters(params, TREE, MONTHS, org_months=lambda c: own.get(c, []))
    assert notes == []
    assert (state.period_from, state.period_to) == (date(2025, 1, 1), date(2025, 6, 1))


def test_a_link_to_an_organisation_outside_the_scope_falls_back_with_a_note() -> None:
    mine = OrgScope.of(["I2"]).restrict(TREE)
    state, notes = parse_filters({"org": "T1"}, TREE, MONTHS, in_scope=mine)
    assert state.org_code == "T3"  # the first trust of the user's own ICB
    assert notes == [
        "The organisation “T1” in the link is not in your scope, so Cedar Trust is shown."
    ]
    state, notes = parse_filters({"org": "T3"}, TREE, MONTHS, in_scope=mine)
    assert (state.org_code, notes) == ("T3", [])
    state, _ = parse_filters({}, TREE, MONTHS, in_scope=mine)
    assert state.org_code == "T3"


def test_a_scope_the_data_does_not_hold_shows_no_organisation_and_says_why() -> None:
    nothing = OrgScope.of(["NEW01"]).restrict(TREE)
    state, notes = parse_filters({"org": "T1"}, TREE, MONTHS, in_scope=nothing)
    assert state.org_code is None
    assert notes == ["None of the organisations you have access to is in the data yet."]
