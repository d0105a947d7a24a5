"""Questions the board may wish to ask about its capability, from the data only."""

from __future__ import annotations

from datetime import date

import pandas as pd

from impact.capability import (
    assessment_history,
    capability_questions,
    latest_scores,
    peer_comparison,
)
from tests.capability.frames import (
    ASSESSMENTS,
    INSTRUCTION_WORDS,
)


def _questions(org: str, **overrides) -> list[str]:
    args = dict(
        org_name="Ash Trust",
        latest=latest_scores(ASSESSMENTS, org),
        history=assessment_history(ASSESSMENTS, org),
        peers=peer_comparison(ASSESSMENTS, org, ["T1", "T2", "T3"]),
        capacity_signals={},
        as_of=date(2025, 6, 30),
    )
    args.update(overrides)
    return capability_questions(**args)


def test_questions_from_scores_peers_and_changes():
    questions = _questions("T1")
    assert questions[0] == (
        "Leadership behaviours scored lowest for two assessments running: "
        "what support would move it?"
    )
    assert any(
        q.startswith("People and culture fell from 3 to 2.5 since Mar 2024") for q in questions
    )
    assert any(
        "Leadership behaviours (2 against 3.5)" in q and "peer median" in q for q in questions
    )
    for question in questions:
        assert question.endswith("?") and not INSTRUCTION_WORDS.search(question)


def test_question_when_no_assessment_and_when_assessment_is_old():
    none = _questions("NONE")
    assert len(none) == 1 and "no NHS IMPACT self-assessment for Ash Trust" in none[0]
    old = _questions("T1", as_of=date(2026, 9, 1))
    assert any("from Mar 2025, 18 months ago" in q for q in old)


def test_question_when_capacity_falls_below_its_usual_range():
    signal = pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2025-01-01", "2025-04-01"]),
            "point_type": ["common_cause", "special_cause_concern"],
        }
    )
    questions = _questions("T2", capacity_signals={"coaches_per_1000": signal})
    assert any(q.startswith("Improvement coaches per 1,000 staff is below") for q in questions)
    assert not any("below its usual range" in q for q in _questions("T2"))
