"""*Is our effort aimed at our biggest gaps?* Assurance beside active projects, as questions."""

from __future__ import annotations

import pandas as pd

from impact.improvement import (
    alignment_display,
    alignment_questions,
    alignment_table,
    assurance_label,
)
from tests.improvement.frames import (
    ALIGN_PROJECTS,
    ASSURANCE,
    INSTRUCTION_WORDS,
    METRICS,
)


def test_assurance_labels():
    assert assurance_label("consistent_fail") == "failing"
    assert assurance_label("inconsistent") == "hit-and-miss"
    assert assurance_label("consistent_pass") == "passing"
    assert assurance_label(None) == "no target"
    assert assurance_label(float("nan")) == "no target"


def test_alignment_table_puts_gaps_first_and_counts_only_active_projects():
    table = alignment_table(METRICS, ASSURANCE, ALIGN_PROJECTS)
    rows = table.set_index("metric_id")
    assert list(table["metric_id"]) == ["rtt_18", "cancer_fds", "ae_4hr", "diag_6wk", "gp_2wk"]
    assert rows.loc["rtt_18", "assurance"] == "failing"
    assert rows.loc["rtt_18", "active_projects"] == 0
    assert rows.loc["rtt_18", "other_projects"] == 1
    assert rows.loc["rtt_18", "alignment"] == "Gap: failing, no active project"
    assert rows.loc["ae_4hr", "active_projects"] == 2
    assert rows.loc["ae_4hr", "alignment"] == "Effort on a passing metric"
    assert rows.loc["diag_6wk", "assurance"] == "no target"
    assert rows.loc["gp_2wk", "assurance"] == "no data"  # project aimed at it, no data in scope


def test_alignment_display_words_priorities_and_assurance():
    table = alignment_table(METRICS, ASSURANCE, ALIGN_PROJECTS)
    shown = alignment_display(table)
    assert list(shown.columns) == [
        "Priority",
        "Measure",
        "Assurance",
        "Active projects",
        "Other projects",
        "What this suggests",
    ]
    first = shown.iloc[0]
    assert (first["Assurance"], first["What this suggests"]) == (
        "Failing",
        "Gap: failing, no active project",
    )
    assert "Elective care" in set(shown["Priority"])


def test_alignment_questions_are_questions_not_instructions():
    questions = alignment_questions(alignment_table(METRICS, ASSURANCE, ALIGN_PROJECTS))
    assert questions[0].startswith("RTT 18 weeks is consistently failing")
    assert any(
        "A&E 4-hour is consistently passing" in q and "2 active projects" in q for q in questions
    )
    assert any("GP within 2 weeks" in q for q in questions)
    assert not any("Cancer FDS" in q for q in questions)  # hit-and-miss but has work
    for question in questions:
        assert question.endswith("?")
        assert not INSTRUCTION_WORDS.search(question)


def test_several_gaps_make_one_question():
    metrics = pd.DataFrame(
        {
            "metric_id": ["a", "b", "c"],
            "metric_name": ["Alpha", "Beta", "Gamma"],
            "priority": ["uec", "uec", "elective"],
        }
    )
    assurance = pd.DataFrame(
        {"metric_id": ["a", "b", "c"], "assurance_type": ["consistent_fail"] * 2 + ["inconsistent"]}
    )
    no_projects = pd.DataFrame({"metric_id": pd.Series(dtype="str"), "status": []})
    questions = alignment_questions(alignment_table(metrics, assurance, no_projects))
    assert questions == [
        "2 measures are consistently failing their targets with no active improvement project "
        "aimed at them (Alpha and Beta): which of these gaps matter most, and what improvement "
        "work would address them?",
        "Gamma meets its target only some of the time and has no active improvement project: "
        "is the board content to rely on it without one?",
    ]
