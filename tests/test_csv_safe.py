"""Downloads never let a spreadsheet run text as a formula."""

import io

import pandas as pd

from impact.csv_safe import neutralise_cell, safe_frame, to_safe_csv


def test_formula_starts_are_quoted():
    for text in ("=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x"):
        assert neutralise_cell(text) == "'" + text


def test_plain_text_and_numbers_untouched():
    assert neutralise_cell("Front door streaming") == "Front door streaming"
    assert neutralise_cell(-3.5) == -3.5
    assert neutralise_cell(None) is None


def test_frame_keeps_negative_numbers_and_quotes_text():
    frame = pd.DataFrame({"title": ['=HYPERLINK("x")', "ok"], "value": [-1.5, 2.0]})
    out = safe_frame(frame)
    assert out["title"].tolist() == ['\'=HYPERLINK("x")', "ok"]
    assert out["value"].tolist() == [-1.5, 2.0]
    assert frame["title"].iloc[0].startswith("=")  # the input is not modified


def test_csv_bytes_round_trip():
    data = to_safe_csv(pd.DataFrame({"=col": ["@a"], "n": [1]}))
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == ["'=col", "n"]
    assert back.iloc[0, 0] == "'@a"
