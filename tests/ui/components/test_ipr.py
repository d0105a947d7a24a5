"""The IPR summary table's frame: short icon words, process limits, a detail link per row."""

import io
import zipfile
from datetime import date

from impact.board.build import build_board
from impact.csv_safe import to_safe_csv
from impact.filters import FilterState
from impact.spc import NO_TARGET
from impact.ui.components.ipr import (
    ASSURANCE_SHORT,
    CSV_COLUMNS,
    icons_zip,
    ipr_frame,
    short_assurance,
    short_variation,
)
from tests.board.fake_queries import fake_query

STATE = FilterState("T1", date(2023, 10, 1), date(2025, 9, 1), compare=True)


def _board():
    return build_board(fake_query(), "T1", STATE.period_from, STATE.period_to)


def test_rows_carry_short_words_limits_and_links():
    rows = ipr_frame(_board(), STATE, "uec").set_index("metric_id")
    ae, waits = rows.loc["ae_4hr"], rows.loc["waits_12hr"]
    assert ae["assurance_short"] == ASSURANCE_SHORT["fail"] == "Failing"
    assert waits["assurance_short"] == NO_TARGET.short  # no target for 12-hour waits
    assert waits["variation_short"] == "Concern (high)"  # more waits is worse
    assert ae["limits"] == f"{ae['lpl']} to {ae['upl']}"
    assert ae["open"] == ("metric-detail?org=T1&from=2023-10&to=2025-09&compare=1&metric=ae_4hr")


def test_short_words_follow_the_answer():
    board = _board()
    ae = board.answer("ae_4hr")
    assert short_assurance(ae) == "Failing"
    assert short_variation(ae) == "Common cause"  # steady around 60% in the fake data
    assert short_variation(board.answer("waits_12hr")) == "Concern (high)"


def test_a_priority_without_figures_gives_no_rows():
    assert ipr_frame(_board(), STATE, "elective").empty


def test_the_csv_names_the_icons_and_the_zip_holds_them():
    rows = ipr_frame(_board(), STATE, "uec").set_index("metric_id", drop=False)
    assert rows.loc["waits_12hr", "variation_icon"] == "concern_high"
    assert rows.loc["waits_12hr", "assurance_icon"] == ""  # no target, no icon
    assert rows.loc["ae_4hr", "assurance_icon"] == "fail"
    text = to_safe_csv(rows[CSV_COLUMNS]).decode("utf-8-sig")
    header, *lines = text.splitlines()
    assert header.split(",") == CSV_COLUMNS
    waits = next(line for line in lines if "Waits over 12 hours" in line)
    assert "Special cause concern (high),concern_high," in waits
    with zipfile.ZipFile(io.BytesIO(icons_zip(rows))) as archive:
        names = archive.namelist()
        svg = archive.read("variation/concern_high.svg").decode()
    assert set(names) == {
        "variation/common_cause.svg",
        "variation/concern_high.svg",
        "assurance/fail.svg",
    }
    assert svg.startswith("<svg") and "Special cause concern (high)" in svg
