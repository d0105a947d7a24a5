"""No answer contradicts the figures beside it: every demo organisation, generated series.

The rules (:mod:`bench.answer_consistency`) are the ones a board member checks by eye: a
standard question is not answered "Yes" when the latest point misses; the assurance is not
"consistently failing" when the last three points meet the target; "will not be met" is not
said when the latest point meets it; every number written is a figure of the table; the
answer is short and reads plainly (Flesch reading ease of at least 50).
"""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from bench.answer_consistency import (
    ALL_WORDS,
    FIRST_WORDS,
    OPENINGS,
    boards,
    first_sentence,
    grammar_text,
    rule_breaks,
)
from impact.board import build_board
from impact.store import reset_stores
from tests.board.answer_checks import generated_query, number_problems, reading_ease
from tests.conftest import DEMO

MIN_READING_EASE = 50


@pytest.fixture(scope="module")
def demo_answers(tmp_path_factory):
    """Every answer of every demo organisation over its default period."""
    if not (DEMO / "observations.csv").exists():
        pytest.skip("data/demo has not been generated (python -m impact demo)")
    folder = tmp_path_factory.mktemp("demo")
    shutil.copytree(DEMO, folder, dirs_exist_ok=True, copy_function=shutil.copy)
    mp = pytest.MonkeyPatch()
    mp.setenv("IMPACT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    reset_stores()
    answers = [(b.org_code, a) for b in boards(str(folder)) for a in b.answers]
    yield answers
    reset_stores()
    mp.undo()


def test_every_demo_organisation_is_answered(demo_answers):
    orgs = {org for org, _ in demo_answers}
    assert len(orgs) >= 15 and len(demo_answers) >= 250
    kinds = {a.question_kind for _, a in demo_answers}
    assert kinds == {"standard", "change"}
    openings = {grammar_text(a).split(":")[0] for _, a in demo_answers}
    assert {"Yes", "No", "Not yet", "Partly"} <= openings


def test_no_demo_answer_breaks_a_consistency_rule(demo_answers):
    broken = [(org, a.metric.metric_id, rule_breaks(a)) for org, a in demo_answers]
    assert [b for b in broken if b[2]] == []


def test_every_number_in_a_demo_answer_is_in_its_table(demo_answers):
    wrong = [(org, a.metric.metric_id, number_problems(a)) for org, a in demo_answers]
    assert [w for w in wrong if w[2]] == []


def test_demo_answers_are_short_and_plain(demo_answers):
    for org, answer in demo_answers:
        text = grammar_text(answer)
        assert len(first_sentence(text).split()) <= FIRST_WORDS, (org, text)
        assert len(text.split()) <= ALL_WORDS, (org, text)
        assert reading_ease(text) >= MIN_READING_EASE, (org, text, reading_ease(text))


def test_the_waits_answers_name_counts_against_none(demo_answers):
    for _, answer in demo_answers:
        if answer.metric.metric_id in ("rtt_65wk", "rtt_78wk"):
            assert answer.question_kind == "standard"
            assert "limit of 0" not in answer.answer and "(0)" not in answer.answer
            first = first_sentence(answer.answer)
            assert "aim is none" in first or "no patients waited" in first


SEEDS = range(30)


@pytest.fixture(scope="module")
def generated_answers():
    """Every answer over random series of 24 to 53 months, one organisation per seed."""
    answers = []
    for seed in SEEDS:
        query, period_from, period_to = generated_query(seed, months=24 + seed)
        board = build_board(query, f"G{seed}", period_from, period_to)
        assert len(board.answers) == 5
        answers += [(seed, a) for a in board.answers]
    return answers


def test_generated_series_keep_the_rules(generated_answers):
    for seed, answer in generated_answers:
        where = (seed, answer.metric.metric_id, answer.answer)
        assert rule_breaks(answer) == [], where
        assert number_problems(answer) == [], where
        assert reading_ease(grammar_text(answer)) >= MIN_READING_EASE, where


def test_generated_series_reach_every_kind_of_answer(generated_answers):
    """The generated shapes include recalculated limits, zero counts and every opening."""
    answers = [a for _, a in generated_answers]
    assert any(a.limits_recalculated for a in answers)
    assert {grammar_text(a).split(":")[0] for a in answers} >= {"Yes", "No", "Partly", "Not yet"}
    neutral = [a for a in answers if a.metric.direction == "neutral"]
    assert neutral and {a.question_kind for a in neutral} == {"change"}


def test_the_rules_catch_the_old_contradictions(demo_answers):
    """The checker is not a formality: the answers the board caught before are flagged."""
    _, answer = next(
        (o, a)
        for o, a in demo_answers
        if a.question_kind == "standard"
        and a.target is not None
        and a.latest_value < a.target
        and a.metric.direction == "increase"
    )
    old = replace(
        answer,
        answer="Yes — it has been above its average for the last 8 months (special cause "
        "improvement since January 2026). The target (80%) sits above the process's upper "
        "limit (79%), so it will not be met without a different approach.",
    )
    found = rule_breaks(old)
    assert "Yes to a standard question when the latest point misses" in found
    assert any("does not start" in f for f in found)
    met = replace(answer, latest_value=answer.target, answer="No: the target will not be met.")
    assert rule_breaks(met) == []  # the rule reads the points, not the latest_value field
    assert any(o.startswith("Too early") for o in OPENINGS)
