"""The numbers behind a chart: rounded and named on screen, full precision in the CSV."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest

from impact import palette
from impact.board import build_board
from impact.store import open_store
from impact.ui.components.numbers import numbers_display, numbers_frame
from impact.units import format_value


@pytest.mark.usefixtures("demo_env")
def test_numbers_table_rounds_and_names_but_the_csv_keeps_full_precision():
    f_from, f_to = date(2023, 10, 1), date(2026, 9, 1)
    board = build_board(open_store().query, "XRA05", f_from, f_to)
    answer = board.answer("rtt_18wk_pct")
    shown = numbers_display(answer)
    raw = numbers_frame(answer)
    assert len(shown) == len(raw) == len(answer.points)
    # The download: every SPC column at full precision, the codes, and their words.
    assert raw["mean"].tolist() == answer.points["mean"].tolist()
    assert {"metric_id", "org_code", "point_type", "point_type_label", "lpl", "upl"} <= set(raw)
    assert raw["point_type_label"].tolist() == [
        palette.POINT_TYPE_LABELS[c] for c in answer.points["point_type"]
    ]
    unrounded = [m for m in raw["mean"] if round(m, 1) != m]
    assert unrounded, "the demo's mean is not a round number, so rounding is visible"
    assert shown["Mean"].iloc[0] == format_value(raw["mean"].iloc[0], "percent")
    assert shown["Limits group"].iloc[0] == "1"


def test_numbers_table_leaves_missing_numbers_blank():
    points = pd.DataFrame(
        {
            "period_start": [date(2025, 1, 1), date(2025, 2, 1)],
            "value": [1234.0, None],
            "numerator": [None, 5.0],
            "mean": [1200.25, 1200.25],
            "point_type": ["special_cause_concern", "common_cause"],
            "special_cause_type": ["Below LCL", "Common Cause"],
        }
    )
    answer = SimpleNamespace(points=points, metric=SimpleNamespace(unit="count"))
    shown = numbers_display(answer)
    assert shown["Value"].tolist() == ["1,234", ""]
    assert shown["Numerator"].tolist() == ["", "5"]
    assert shown["Mean"].tolist() == ["1,200", "1,200"]
    assert shown["Point type"].tolist() == ["Special cause – concern", "Common cause"]
    assert shown["Rule"].tolist() == ["Below the lower process limit", "No rule: common cause"]
