"""Assembling the pack: the pages' answers, the period, open questions, sources, wording."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from impact import pack
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
        assert list(entry.questions) == answer.questions
        assert pack.esc(answer.answer) in html
        assert pack.esc(answer.metric.board_question) in html
        for question in answer.questions:
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
    generated = [q for p in content.priorities for q in p.questions]
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
