"""The board pack's HTML: every section, the same answers as the pages, escaped, offline."""

from __future__ import annotations

import csv
import io
import re
import shutil
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from impact import icons, pack, spc
from impact.board import build_board
from impact.question_log import open_log
from impact.store import open_store, reset_stores

DEMO = Path(__file__).resolve().parent.parent / "data" / "demo"
ORG = "XRA03"  # a demo trust with improvement projects, capability and self-assessment
PERIOD = (date(2023, 10, 1), date(2026, 9, 1))
HOSTILE_NAME = '<script>alert("org")</script> Trust & "Partners"'
HOSTILE_TITLE = "<img src=x onerror=alert(1)>Streaming"
HOSTILE_QUESTION = "=HYPERLINK(\"http://evil\")? <script>alert('q')</script>"
FIXED_NOW = datetime(2026, 11, 2, 9, 30)


def _copy_demo(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for source in DEMO.glob("*.csv"):
        shutil.copy(source, folder / source.name)
    return folder


def _rewrite(path: Path, column: str, key: tuple[str, str], value: str) -> None:
    """Replace one cell of a CSV (found by a key column's value), keeping the rest."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    for row in rows:
        if row[key[0]] == key[1]:
            row[column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """One demo pack for the module, with hostile text planted in three places."""
    if not DEMO.is_dir():
        pytest.skip("the shipped demo data (data/demo) is missing")
    root = tmp_path_factory.mktemp("pack")
    data = _copy_demo(root / "data")
    _rewrite(data / "organisations.csv", "org_name", ("org_code", ORG), HOSTILE_NAME)
    _rewrite(data / "projects.csv", "title", ("project_id", "P-XRA03-001"), HOSTILE_TITLE)
    log = open_log(data)
    board_metric = "ae_4hr_all"
    log.add(
        org_code=ORG,
        metric_id=board_metric,
        question=HOSTILE_QUESTION,
        owner="Chief Operating Officer",
        due_date=date(2030, 1, 31),
        asked_on=date(2026, 10, 1),
    )
    answered = log.add(
        org_code=ORG,
        metric_id=board_metric,
        question="An answered question should not be listed as open?",
        owner="Medical Director",
        due_date=date(2030, 1, 31),
        asked_on=date(2026, 10, 1),
    )
    log.answer(answered.question_id, "Answered.")
    reset_stores()
    store = open_store(data, root / "cache")
    board = build_board(store.query, ORG, *PERIOD)
    content = pack.assemble_pack(
        store.query,
        ORG,
        *PERIOD,
        files=store.files(),
        questions=log.questions(org_code=ORG),
        now=FIXED_NOW,
    )
    html = pack.render_html(content)
    yield content, html, board
    reset_stores()


class _Collector(HTMLParser):
    """Collects start tags with their attributes (script bodies are not parsed as tags)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Collector()
    parser.feed(html)
    return parser.tags


def test_every_section_is_present(built) -> None:
    content, html, _ = built
    ids = {attrs.get("id") for tag, attrs in _tags(html) if tag == "section"}
    expected = {
        "cover",
        "overview",
        "ipr-summary",
        "priority-elective",
        "priority-uec",
        "priority-primary_care",
        "summary-improvement",
        "summary-capability",
        "open-questions",
        "how-to-read",
        "data-sources",
    }
    assert expected <= ids
    assert "Improvement portfolio" in html
    assert "Self-assessment score (1 to 5) by NHS IMPACT component" in html
    assert "How to read these charts" in html
    assert "Page &quot;" not in html  # the page counter lives in CSS, not in the text


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


def test_one_interactive_chart_per_metric_and_plotly_inline_once(built) -> None:
    content, html, board = built
    charts = [
        a for t, a in _tags(html) if t == "div" and "plotly-graph-div" in (a.get("class") or "")
    ]
    assert len(charts) == len(board.answers)
    assert html.count("Plotly.newPlot(") == len(board.answers)
    scripts = [a for t, a in _tags(html) if t == "script"]
    assert all("src" not in a for a in scripts)
    # plotly.js is embedded exactly once (its licence banner opens the bundle)
    assert len(re.findall(r"plotly\.js v\d+\.\d+\.\d+", html)) == 1


def test_ipr_summary_has_icons_with_text_labels(built) -> None:
    content, html, board = built
    ipr = html[html.index('id="ipr-summary"') : html.index('id="priority-elective"')]
    for answer in board.answers:
        assert pack.esc(answer.metric.metric_name) in ipr
        entry = next(
            m
            for p in content.priorities
            for m in p.metrics
            if m.metric_id == answer.metric.metric_id
        )
        assert entry.variation is not None  # every answered metric has an SPC result
        name = spc.variation_icon_name(answer.variation, answer.metric.direction)
        assert entry.variation.markup == icons.variation_icon_svg(name)  # the pages' icon
        assert entry.variation.label == icons.variation_label(name)
        if answer.assurance:
            assert entry.assurance is not None
            assert entry.assurance.label == icons.assurance_label(answer.assurance)
    labels = re.findall(r'<span class="icon-label">([^<]+)</span>', ipr)
    with_assurance = sum(1 for a in board.answers if a.assurance)
    assert len(labels) == len(board.answers) + with_assurance
    assert ipr.count("<svg") == len(labels) + len(board.answers)  # icons plus sparklines


def test_no_external_reference_anywhere(built) -> None:
    _, html, _ = built
    for tag, attrs in _tags(html):
        for name in ("src", "href", "action", "poster", "data"):
            value = (attrs.get(name) or "").strip()
            if value:
                assert value.startswith(("#", "data:")), (tag, name, value)
        assert not (tag == "link" and "stylesheet" in (attrs.get("rel") or ""))
    styles = re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    assert styles
    for css in styles:
        assert "@import" not in css
        assert "url(" not in css


def test_extract_text_is_escaped_everywhere(built) -> None:
    _, html, _ = built
    body = html[html.index("</head>") :]
    assert "<script>alert" not in body
    assert "<img src=x" not in body
    assert (
        "&lt;script&gt;alert(&quot;org&quot;)&lt;/script&gt; Trust &amp; &quot;Partners&quot;"
        in body
    )
    assert "&lt;img src=x onerror=alert(1)&gt;Streaming" in body
    assert "&lt;script&gt;alert(&#x27;q&#x27;)&lt;/script&gt;" in body
    # every script element in the document is plotly's (the library, then one per chart)
    scripts = [t for t, _ in _tags(html) if t == "script"]
    assert len(scripts) == 1 + html.count("Plotly.newPlot(")


def test_running_header_survives_hostile_names_in_css(built) -> None:
    content, html, _ = built
    css = html[html.index("<style>") : html.index("</style>")]
    assert "</" not in css[len("<style>") :]
    header = pack.css_string(content.running_header)
    assert header in css
    assert '"' not in header[1:-1] and "<" not in header


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


def test_how_to_read_explains_every_icon_in_words(built) -> None:
    content, html, _ = built
    section = html[html.index('id="how-to-read"') : html.index('id="data-sources"')]
    assert len(content.icon_guide) == 10
    assert section.count("<svg") == 10
    for entry in content.icon_guide:
        assert entry.icon.markup in section
        assert pack.esc(entry.icon.label) in section
        assert pack.esc(entry.meaning) in section


def test_generated_text_asks_rather_than_instructs(built) -> None:
    content, _, _ = built
    generated = [q for p in content.priorities for q in p.questions]
    generated += [q for s in content.summaries for q in s.questions]
    assert generated
    for text in generated:
        lowered = text.lower()
        assert "must" not in lowered.split() and "should" not in lowered.split()
        assert "action required" not in lowered


def test_css_string_escapes_everything_outside_a_safe_set() -> None:
    assert pack.css_string("Trust (RXA) · Apr 2024") == '"Trust (RXA) · Apr 2024"'
    hostile = pack.css_string('a"b\\c</style>{}')
    assert hostile == '"a\\22 b\\5c c\\3c /style\\3e \\7b \\7d "'


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
