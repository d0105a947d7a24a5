"""The "Download board pack" control: says on screen when the open questions are left out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from impact.question_log import QuestionLogError, open_log
from impact.store import reset_stores
from impact.ui import pack_download
from tests.pack.conftest import copy_demo

ORG = "XRA03"


def _control() -> None:
    from datetime import date

    from impact.ui.pack_download import pack_download

    pack_download("XRA03", date(2024, 10, 1), date(2026, 9, 1))


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = copy_demo(tmp_path / "data")
    monkeypatch.setenv("IMPACT_DATA_DIR", str(folder))
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(tmp_path / "cache"))
    reset_stores()
    yield folder
    reset_stores()


class _BusyLog:
    """A question log another process holds: reading it fails as the real one does."""

    def questions(self, **_filters: object) -> list:
        raise QuestionLogError("The question log is busy: locked by another process")


def test_an_unreadable_question_log_is_said_on_screen(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pack_download, "open_log", lambda *_args: _BusyLog())
    at = AppTest.from_function(_control).run(timeout=60)
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "The board pack will not include the board's open questions: the question log "
        "could not be read (The question log is busy: locked by another process)."
    ]


def test_a_readable_question_log_gives_no_warning(data: Path) -> None:
    open_log(data).add(
        org_code=ORG,
        metric_id="ae_4hr_all",
        question="What changed in January?",
        owner="Chief Operating Officer",
        due_date=date(2030, 1, 31),
    )
    at = AppTest.from_function(_control).run(timeout=60)
    assert not at.exception
    assert not at.warning
    questions, problem = pack_download.open_questions(ORG)
    assert problem is None
    assert [q.question for q in questions] == ["What changed in January?"]
