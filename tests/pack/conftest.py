"""The demo board pack every test in this folder reads, with hostile text planted in it."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from impact import PROJECT_ROOT, pack
from impact.board import build_board
from impact.question_log import open_log
from impact.store import open_store, reset_stores

DEMO = PROJECT_ROOT / "data" / "demo"
ORG = "XRA03"  # a demo trust with improvement projects, capability and self-assessment
PERIOD = (date(2023, 10, 1), date(2026, 9, 1))
HOSTILE_NAME = '<script>alert("org")</script> Trust & "Partners"'
HOSTILE_TITLE = "<img src=x onerror=alert(1)>Streaming"
HOSTILE_QUESTION = "=HYPERLINK(\"http://evil\")? <script>alert('q')</script>"
FIXED_NOW = datetime(2026, 11, 2, 9, 30)


def copy_demo(folder: Path) -> Path:
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
def demo_store(tmp_path_factory: pytest.TempPathFactory):
    """The demo data with hostile text planted in three places, and its store."""
    root = tmp_path_factory.mktemp("pack")
    data = copy_demo(root / "data")
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
    yield open_store(data, root / "cache")
    reset_stores()


@pytest.fixture(scope="module")
def built(demo_store):
    """One demo pack for the module: (content, html, the board it was built from)."""
    store = demo_store
    log = open_log(store.data_dir)
    board = build_board(store.query, ORG, *PERIOD)
    content = pack.assemble_pack(
        store.query,
        ORG,
        *PERIOD,
        files=store.files(),
        questions=log.questions(org_code=ORG),
        now=FIXED_NOW,
    )
    return content, pack.render_html(content), board


class _Collector(HTMLParser):
    """Collects start tags with their attributes (script bodies are not parsed as tags)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag of ``html`` with its attributes, in document order."""
    parser = _Collector()
    parser.feed(html)
    return parser.tags
