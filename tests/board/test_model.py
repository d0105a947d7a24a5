"""What a metric's answer says about itself: icon words, latest and target as written."""

from datetime import date

import pandas as pd

from impact.board.model import NO_ASSURANCE, NO_VARIATION, Metric, MetricAnswer, OrgBoard

METRIC = Metric(
    "ae", "A&E 4-hour performance", "uec", "Seen in 4 hours?", "percent", "increase", "month"
)


def _answer(**changes) -> MetricAnswer:
    empty = pd.DataFrame()
    fields = dict(
        metric=METRIC,
        org_code="T1",
        points=empty,
        latest_period=date(2025, 9, 1),
        latest_value=72.46,
        target=78.0,
        target_source="plan",
        mean=71.0,
        lpl=65.0,
        upl=77.0,
        variation="special_cause_concern",
        assurance="consistent_fail",
        answer="",
        stale=False,
        questions=["Why?"],
        targets=empty,
        events=empty,
        projects=empty,
    )
    return MetricAnswer(**{**fields, **changes})


def test_words_for_the_icons_and_numbers():
    answer = _answer()
    assert answer.variation_icon == "concern_low"  # lower is worse for a rising-is-good metric
    assert answer.assurance_label == "Consistently failing the target"
    assert answer.latest_text == "72.5%" and answer.target_text == "78%"


def test_no_signal_and_no_target_are_said_in_words():
    answer = _answer(variation=None, assurance=None, target=None)
    assert answer.variation_icon is None and answer.variation_label == NO_VARIATION
    assert answer.assurance_label == NO_ASSURANCE
    assert answer.target_text == "—"


def test_the_board_finds_answers_questions_and_stale_metrics():
    fresh, stale = (
        _answer(),
        _answer(
            stale=True, metric=Metric("gp", "GP", "primary_care", "?", "count", "increase", "month")
        ),
    )
    board = OrgBoard("T1", date(2024, 10, 1), date(2025, 9, 1), date(2025, 9, 1), [fresh, stale])
    assert board.answer("gp") is stale and board.answer("nope") is None
    assert board.by_priority("uec") == [fresh]
    assert [a for a, _ in board.questions("primary_care")] == [stale]
    assert board.stale == [stale]
