"""``docs/answers.md`` quotes real answers: each example is what the code says on the demo.

The examples are listed here in the order the page quotes them, with the organisation,
metric and first month each was taken from (``None``: the default 24 months).
"""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from impact import PROJECT_ROOT
from impact.board import build_board
from impact.calendar import month_starts
from impact.filters import default_period
from impact.store import open_store, reset_stores
from tests.conftest import DEMO

DOC = PROJECT_ROOT / "docs" / "answers.md"
FROM_2023 = date(2023, 4, 1)
EXAMPLES = [
    ("XQB", "ae_12hr_arrival_pct", None),
    ("XQA", "cwt_28d_fds", None),
    ("XQB", "cwt_28d_fds", None),
    ("XQB", "cwt_31d", None),
    ("XRA03", "ae_4hr_all", FROM_2023),
    ("XRA06", "dm01_6wk_pct", FROM_2023),
    ("XRA07", "rtt_78wk", None),
    ("XRA02", "rtt_65wk", None),
    ("XQB", "rtt_65wk", None),
    ("XQB", "dm01_13wk", None),
    ("XRA07", "rtt_waiting_list", FROM_2023),
    ("XQA", "rtt_waiting_list", FROM_2023),
    ("XQB", "dm01_waiting_list", None),
    ("XQA", "ae_attendances", None),
    ("XRA05", "cwt_28d_fds", date(2026, 4, 1)),
    ("XQA", "rtt_52wk_pct", None),
]


def quoted_examples() -> list[str]:
    """Each block quote of the page, its lines joined."""
    quotes, current = [], []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("> "):
            current.append(line[2:].strip())
        elif current:
            quotes.append(" ".join(current))
            current = []
    if current:
        quotes.append(" ".join(current))
    return quotes


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    if not (DEMO / "observations.csv").exists():
        pytest.skip("data/demo has not been generated (python -m impact demo)")
    folder = tmp_path_factory.mktemp("demo")
    shutil.copytree(DEMO, folder, dirs_exist_ok=True, copy_function=shutil.copy)
    reset_stores()
    yield open_store(folder, tmp_path_factory.mktemp("cache"))
    reset_stores()


def test_every_example_is_what_the_code_says(store):
    quotes = quoted_examples()
    assert len(quotes) == len(EXAMPLES)
    period_from, period_to = default_period(month_starts(store.query("board_periods")["month"]))
    for quote, (org, metric, first) in zip(quotes, EXAMPLES, strict=True):
        board = build_board(store.query, org, first or period_from, period_to)
        assert board.answer(metric).answer == quote, (org, metric)


def test_every_opening_has_an_example():
    openings = {
        re.match(r"^(Too early to say|Not yet|Yes|No|Partly):", q).group(1)
        for q in quoted_examples()
    }
    assert openings == {"Yes", "No", "Not yet", "Partly", "Too early to say"}
