"""Assembling the pack: the pages' answers, the period, open questions, sources, wording."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from impact import pack
from impact.board.question_ranking import TOP_OVERVIEW, TOP_PER_PRIORITY, ranked_questions
from impact.question_log import open_log
from impact.spc.natural_range import natural_range
from tests.pack.conftest import HOSTILE_QUESTION, ORG


def test_cover_names_organisation_period_and_data_as_at(built) -> None:
    content, html, _ = built
    assert content.period_label == "Oct 2023 to Sep 2026"
    assert "Oct 2023 to Sep 2026" in html
    assert content.data_as_at.startswith("Data as at ")
    assert content.data_as_at in html
    assert "Prepared 02 November 2026 at 09:30." in html


def test_the_pack_shows_the_board_pages_answers(built) -> None:
    content, html, board = built
    entries = {m.metric_id: m for p in content.priorities for m in p.metrics}
    assert set(entries) == {a.metric.metric_id for a in board.answers}
    for answer in board.answers:
        entry = entries[answer.metric.metric_id]
        assert entry.answer == answer.answer
        assert pack.esc(answer.answer) in html
        assert pack.esc(answer.metric.board_question) in html
        for question in answer.questions:  # in the overview's first few or the appendix
            assert pack.esc(question) in html
    assert board.answers, "the demo trust must have answered metrics"


def test_open_questions_listed_and_answered_ones_not(built) -> None:
    content, html, _ = built
    section = html[html.index('id="open-questions"') : html.index('id="how-to-read"')]
    assert "=HYPERLINK(&quot;http://evil&quot;)?" in section
    assert "An answered question should not be listed as open?" not in html
    assert [q.question for q in content.open_questions] == [HOSTILE_QUESTION]
    uec = next(p for p in content.priorities if p.key == "uec")
    beside = [q.question for m in uec.metrics for q in m.open_questions]
    assert beside == [HOSTILE_QUESTION]


def test_data_sources_list_every_extract_file(built) -> None:
    content, html, _ = built
    section = html[html.index('id="data-sources"') :]
    for name in ("organisations.csv", "observations.csv", "projects.csv", "capability.csv"):
        assert name in section
    assert any(s.path.startswith("national catalogue/") for s in content.sources)


def test_generated_text_asks_rather_than_instructs(built) -> None:
    content, _, _ = built
    generated = [q.question for p in content.priorities for q in p.questions]
    generated += [q.question for p in content.priorities for q in p.more_questions]
    generated += [q.question for q in content.first_questions]
    generated += [q for s in content.summaries for q in s.questions]
    assert generated
    for text in generated:
        lowered = text.lower()
        assert "must" not in lowered.split() and "should" not in lowered.split()
        assert "action required" not in lowered


def test_question_csv_export_is_formula_neutralised(built, tmp_path: Path) -> None:
    log = open_log(tmp_path)
    log.add(
        org_code=ORG,
        metric_id="ae_4hr_all",
        question=HOSTILE_QUESTION,
        owner="+44 owner",
        due_date=date(2030, 1, 31),
    )
    text = log.export_csv().decode("utf-8-sig")
    cells = list(csv.reader(io.StringIO(text)))[1]
    assert "'=HYPERLINK" in cells[3]
    assert cells[5] == "'+44 owner"


def test_at_most_three_questions_per_priority_and_five_first_the_rest_in_the_appendix(
    built,
) -> None:
    content, html, board = built
    first = ranked_questions(board, limit=TOP_OVERVIEW)
    assert [(q.rank, q.question, q.reason) for q in content.first_questions] == [
        (r.rank, r.question, r.reason) for r in first
    ]
    assert len(content.first_questions) == TOP_OVERVIEW
    overview = html[html.index('id="overview"') : html.index('id="ipr-summary"')]
    appendix = html[html.index('id="more-questions"') : html.index('id="open-questions"')]
    asked = 0
    for section in content.priorities:
        ranked = ranked_questions(board, section.key)
        assert len(section.questions) <= TOP_PER_PRIORITY
        assert [q.question for q in section.questions] == [
            r.question for r in ranked[:TOP_PER_PRIORITY]
        ]
        assert [q.question for q in section.more_questions] == [
            r.question for r in ranked[TOP_PER_PRIORITY:]
        ]
        for q in section.questions:
            assert pack.esc(q.question) in overview and pack.esc(q.reason) in overview
        five = {q.question for q in content.first_questions}
        for q in section.more_questions:
            assert pack.esc(q.question) in appendix
            assert q.question in five or pack.esc(q.question) not in overview
        if section.more_questions:
            count = len(section.more_questions)
            assert f"{count} more question" in overview
        asked += len(section.questions)
    # The overview lists the five first, then at most three per priority: not every question.
    items = overview.count("<li><strong>")
    assert items == TOP_OVERVIEW + asked <= TOP_OVERVIEW + TOP_PER_PRIORITY * 3
    assert len(ranked_questions(board)) > asked  # the demo trust raises more than are shown


def test_the_packs_charts_keep_limits_and_axes_within_the_natural_range(built) -> None:
    content, _, board = built
    units = {a.metric.metric_id: a.metric.unit for a in board.answers}
    limits = ("Upper process limit", "Lower process limit")
    checked = 0
    for priority in content.priorities:
        for entry in priority.metrics:
            if entry.figure is None:
                continue
            low, high = natural_range(units[entry.metric_id])
            options = entry.figure.layout.yaxis.autorangeoptions
            assert (options.clipmin, options.clipmax) == (low, high), entry.metric_id
            for trace in entry.figure.data:
                if trace.name in limits:
                    ys = [y for y in trace.y if y is not None]
                    assert low is None or min(ys) >= low, entry.metric_id
                    assert high is None or max(ys) <= high, entry.metric_id
                    checked += 1
    assert checked
