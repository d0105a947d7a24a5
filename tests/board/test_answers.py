"""The answer grammar, case by case: kind × variation × assurance × how the period began.

Each row of :data:`tests.board.answer_cases.CASES` is answered and compared with the exact
sentence a board would read, so any change of wording is a visible change to this table.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from impact.board.answer_rules import assurance_shown, meets, question_kind
from impact.board.answers import OPENINGS, answer_metric
from tests.board.answer_cases import CASES, CHANGE, STANDARD, ZERO, Case

EXPECTED = {
    "standard, common cause, hit and miss, latest misses": (
        "No: 77.5% in September 2026 against the 80% standard. Since October 2024, SPC "
        "shows common cause variation around 78.2%, within limits of 74% to 82.4%. "
        "Assurance: hit and miss; the 80% target was met in 1 of 24 months."
    ),
    "standard, improvement, hit and miss, latest misses": (
        "Not yet: 77.5% in September 2026 against the 80% standard. Since October 2024, "
        "SPC shows special cause improvement: 7 or more points in a row above the "
        "average. Assurance: hit and miss, though the 80% target was not met in any of the "
        "24 months."
    ),
    "standard, common cause, consistently passing": (
        "Yes: 85.5% in September 2026 against the 80% standard. Since October 2024, SPC "
        "shows common cause variation around 85.1%, within limits of 82% to 88.2%. "
        "Assurance: consistently passing, as the limits sit above the 80% target."
    ),
    "standard, improvement, consistently failing overridden by three passes": (
        "Yes: 0.7% in September 2026 against the 1% standard. Since October 2024, SPC "
        "shows special cause improvement: a point below the lower process limit. "
        "Assurance: hit and miss; the last 3 months met the 1% target, though the limits "
        "sit above it."
    ),
    "standard, improvement, consistently failing, latest meets": (
        "Partly: 80.5% in September 2026 against the 80% standard. Since October 2024, "
        "SPC shows special cause improvement: a point above the upper process limit. "
        "Assurance: consistently failing, though September 2026 met the 80% target."
    ),
    "standard, concern, consistently failing, latest misses": (
        "No: 70% in September 2026 against the 80% standard. Since October 2024, SPC "
        "shows special cause concern: 7 or more points in a row below the average. "
        "Assurance: consistently failing; at this level the 80% target will not be met."
    ),
    "standard, consistently passing overridden by three misses": (
        "No: 79.5% in September 2026 against the 80% standard. Since October 2024, SPC "
        "shows special cause concern: a point below the lower process limit. Assurance: "
        "hit and miss; the last 3 months missed the 80% target, though the limits sit "
        "above it."
    ),
    "standard, recalculated, common cause, consistently passing": (
        "Yes: 0.7% in September 2026 against the 1% standard. Since limits were "
        "recalculated in April 2025, SPC shows common cause variation around 0.7%, within "
        "limits of 0.5% to 0.9%. Assurance: consistently passing, as the limits sit below "
        "the 1% target."
    ),
    "standard, rebased, too early": (
        "Too early to say: only 5 months since the rebase in May 2026. SPC needs 12 "
        "points to set limits; September 2026 was 78.2%. That misses the 80% target; "
        "assurance needs more points."
    ),
    "standard in minutes, improvement, consistently failing": (
        "Not yet: 8.1 minutes in September 2026 against the standard of 7 minutes. Since "
        "October 2024, SPC shows special cause improvement: 7 or more points in a row "
        "below the average. Assurance: consistently failing; at this level the target of "
        "7 minutes will not be met."
    ),
    "zero target, common cause, latest misses": (
        "No: 1 patient waited over 78 weeks in September 2026; the aim is none. Since "
        "October 2024, SPC shows common cause variation around 0.4 a month. The aim of "
        "none was met in 22 of 24 months."
    ),
    "zero target, none in the last three months": (
        "Yes: no patients waited over 78 weeks in September 2026. Since October 2024, SPC "
        "shows common cause variation around 0.9 a month. The aim of none was met in 3 of "
        "24 months."
    ),
    "zero target, none now after some": (
        "Partly: no patients waited over 78 weeks in September 2026, after 1 in August "
        "2026. Since October 2024, SPC shows common cause variation around 0.7 a month. "
        "The aim of none was met in 22 of 24 months."
    ),
    "zero target, constant at none": (
        "Yes: no patients waited over 78 weeks in September 2026. Since October 2024, "
        "every month was 0, so SPC shows no variation. The aim of none was met in all 24 "
        "months."
    ),
    "change, improvement since": (
        "Yes: down since January 2026, to 4,086 in September 2026. Since October 2024, "
        "SPC shows special cause improvement: a point below the lower process limit. "
        "There is no target, so no assurance is given."
    ),
    "change, concern in the latest month": (
        "No: up to 5,600 in September 2026. Since October 2024, SPC shows special cause "
        "concern: a point above the upper process limit. There is no target, so no "
        "assurance is given."
    ),
    "change, common cause": (
        "No: no clear change since October 2024; 5,050 in September 2026. Since October "
        "2024, SPC shows common cause variation around 5,010, within limits of 4,600 to "
        "5,420. There is no target, so no assurance is given."
    ),
    "change, recalculated lower and steady": (
        "Partly: down in April 2025 and steady since, at 3,200 in September 2026. Since "
        "limits were recalculated in April 2025, SPC shows common cause variation around "
        "3,210, within limits of 3,000 to 3,420. There is no target, so no assurance is "
        "given."
    ),
    "change, recalculated higher and steady": (
        "No: up in December 2024 and steady since, at 3,400 in September 2026. Since "
        "limits were recalculated in December 2024, SPC shows common cause variation "
        "around 3,400, within limits of 3,200 to 3,600. There is no target, so no "
        "assurance is given."
    ),
    "change with a neutral direction, special cause high": (
        "Yes: up since March 2026, to 68,000 in September 2026. Since October 2024, SPC "
        "shows special cause variation, neither better nor worse: 7 or more points in a "
        "row above the average. There is no target, so no assurance is given."
    ),
    "change, too early": (
        "Too early to say: only 6 months of data, from April 2026. SPC needs 12 points to "
        "set limits; September 2026 was 3,980. There is no target, so no assurance is "
        "given."
    ),
}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_case_reads_exactly(case: Case) -> None:
    answer = answer_metric(case.metric, case.points(), target=case.target, assurance=case.assurance)
    assert answer.text == EXPECTED[case.name]
    assert answer.text.startswith(f"{answer.opening}: ")
    assert answer.opening in OPENINGS


def test_the_table_covers_every_opening_and_every_assurance() -> None:
    answers = [
        answer_metric(c.metric, c.points(), target=c.target, assurance=c.assurance) for c in CASES
    ]
    assert {a.opening for a in answers} == set(OPENINGS)
    assert {a.assurance for a in answers} == {
        "consistent_pass",
        "consistent_fail",
        "inconsistent",
        None,
    }
    assert {a.question_kind for a in answers} == {"standard", "change"}
    assert {a.limits_recalculated for a in answers} == {True, False}


def test_the_current_period_is_named_and_carried() -> None:
    case = next(c for c in CASES if c.name.startswith("standard, recalculated"))
    answer = answer_metric(case.metric, case.points(), target=case.target, assurance=None)
    assert answer.current_period_start == date(2025, 4, 1)
    assert answer.limits_recalculated is True
    assert "Since limits were recalculated in April 2025, " in answer.text
    rebased = next(c for c in CASES if c.name.startswith("standard, rebased"))
    answer = answer_metric(rebased.metric, rebased.points(), target=80.0, assurance=None)
    assert answer.current_period_start == date(2026, 5, 1)
    assert answer.limits_recalculated is False


def test_only_the_current_period_is_judged() -> None:
    """Before a recalculation the share missed 1% every month; since, it has met it."""
    case = next(c for c in CASES if c.name.startswith("standard, recalculated"))
    points = case.points()
    assert not meets(float(points["value"].iloc[0]), 1.0, "decrease")
    answer = answer_metric(case.metric, points, target=1.0, assurance="consistent_pass")
    assert answer.opening == "Yes" and "will not be met" not in answer.text


def test_a_missing_latest_value_is_answered_from_the_last_recorded() -> None:
    case = next(c for c in CASES if c.name.startswith("standard, common cause, consistently"))
    points = case.points()
    points.loc[len(points) - 1, "value"] = np.nan
    answer = answer_metric(case.metric, points, target=80.0, assurance="consistent_pass")
    assert answer.text.startswith("Yes: 84% in August 2026 against the 80% standard.")


@pytest.mark.parametrize(
    ("declared", "target", "kind"),
    [
        ("standard", 80.0, "standard"),
        ("change", 80.0, "change"),
        ("", 80.0, "standard"),
        (None, 80.0, "standard"),
        ("", None, "change"),
        ("standard", None, "change"),  # no standard in force to meet
        ("standard", math.nan, "change"),
        ("nonsense", 5.0, "standard"),
    ],
)
def test_question_kind_defaults_from_the_target(declared, target, kind) -> None:
    assert question_kind(declared, target) == kind


def test_a_measure_with_no_better_direction_asks_about_change() -> None:
    assert question_kind("standard", 60000.0, "neutral") == "change"
    assert question_kind("", 60000.0, "neutral") == "change"


def test_a_standard_question_without_a_target_is_answered_as_a_change() -> None:
    case = next(c for c in CASES if c.name.startswith("standard, improvement, hit and miss"))
    answer = answer_metric(STANDARD, case.points(), target=None, assurance=None)
    assert answer.question_kind == "change"
    assert answer.text == (
        "Yes: up since January 2026, to 77.5% in September 2026. Since October 2024, SPC "
        "shows special cause improvement: 7 or more points in a row above the average. "
        "There is no target, so no assurance is given."
    )


@pytest.mark.parametrize(
    ("engine", "recent", "shown"),
    [
        ("consistent_fail", [0.9, 0.8, 0.7], "inconsistent"),  # three meets
        ("consistent_fail", [1.2, 0.8, 0.7], "consistent_fail"),  # one miss
        ("consistent_pass", [1.2, 1.1, 1.3], "inconsistent"),  # three misses
        ("consistent_pass", [1.2, 0.9, 1.3], "consistent_pass"),
        ("inconsistent", [0.9, 0.8, 0.7], "inconsistent"),
        ("consistent_fail", [0.8, 0.7], "consistent_fail"),  # fewer than three points
        (None, [0.9, 0.8, 0.7], None),
    ],
)
def test_assurance_is_overridden_only_when_three_points_contradict_it(
    engine, recent, shown
) -> None:
    assert assurance_shown(engine, np.array(recent), 1.0, "decrease") == shown


def test_zero_targets_never_mention_a_limit_of_zero() -> None:
    for case in CASES:
        if case.metric is ZERO:
            text = answer_metric(
                case.metric, case.points(), target=0.0, assurance="inconsistent"
            ).text
            assert "limit" not in text and "the aim" in text.lower()


def test_change_answers_name_a_direction_and_a_date() -> None:
    for case in CASES:
        if case.metric is CHANGE:
            first = answer_metric(case.metric, case.points(), target=None, assurance=None).text
            first = first.split(". ")[0]
            assert any(w in first for w in ("since", "to ", "from")), first


def test_points_need_no_rebase_columns() -> None:
    """Points without rebase or recalculation columns are one period from the first point."""
    case = CASES[0]
    points = case.points().drop(columns=["rebase_group", "limits_change"])
    answer = answer_metric(case.metric, points, target=80.0, assurance="inconsistent")
    assert answer.current_period_start == date(2024, 10, 1)
    assert answer.text == EXPECTED[case.name]
    assert isinstance(pd.Timestamp(answer.current_period_start), pd.Timestamp)
