"""Assurance: every target position and direction, ties, and the one table of its words."""

from __future__ import annotations

import pytest

from impact.spc import (
    ASSURANCE,
    ASSURANCE_LABELS,
    ASSURANCE_SHORT,
    ASSURANCE_TYPES,
    ASSURANCE_WORDS,
    NO_TARGET,
    assurance_icon_name,
    assurance_type,
    spc_summary,
)
from tests.spc.helpers import labels, with_baseline


@pytest.mark.parametrize(
    ("target", "direction", "expected"),
    [
        (20.0, "increase", "consistent_fail"),
        (20.0, "decrease", "consistent_pass"),
        (1.0, "increase", "consistent_pass"),
        (1.0, "decrease", "consistent_fail"),
        (12.0, "increase", "inconsistent"),
        (12.0, "neutral", None),
        (None, "increase", None),
    ],
)
def test_assurance_cases(target: float | None, direction: str, expected: str | None) -> None:
    points = with_baseline([10.5], target=target, improvement_direction=direction)
    assert labels(spc_summary(points)["assurance_type"]) == [expected]


def test_target_exactly_on_a_limit_is_inconsistent() -> None:
    upl = with_baseline([10.0])["upl"].iloc[0]
    points = with_baseline([10.5], target=upl)
    assert spc_summary(points)["assurance_type"].iloc[0] == "inconsistent"
    assert assurance_type(upl, 4.68, upl, "increase") == "inconsistent"


def test_every_assurance_type_has_all_its_words_once() -> None:
    assert tuple(ASSURANCE) == ASSURANCE_TYPES
    assert ASSURANCE_SHORT == {"pass": "Passing", "fail": "Failing", "inconsistent": "Hit and miss"}
    assert ASSURANCE_WORDS == {
        "consistent_pass": "passing",
        "consistent_fail": "failing",
        "inconsistent": "hit-and-miss",
    }
    assert ASSURANCE_LABELS["inconsistent"].startswith("Hit and miss")
    assert NO_TARGET.short == "No target" and NO_TARGET.word == "no target"


@pytest.mark.parametrize(
    ("kind", "icon"),
    [("consistent_pass", "pass"), ("consistent_fail", "fail"), ("inconsistent", "inconsistent")],
)
def test_assurance_icon_name(kind: str, icon: str) -> None:
    assert assurance_icon_name(kind) == icon
