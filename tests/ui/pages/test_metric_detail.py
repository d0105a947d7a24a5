"""The metric detail page from a link: every section, and numbers as the board reads them."""

from __future__ import annotations

import pytest

from impact import palette
from impact.units import format_value
from tests.ui.apps import dashboard, expected_answer

pytestmark = pytest.mark.usefixtures("demo_env")


def test_metric_detail_from_a_link():
    at = dashboard(org="XRA05", metric="rtt_18wk_pct", compare="1")
    at.switch_page("views/metric_detail.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Metric detail"]
    headers = [h.value for h in at.header]
    assert "Is the share of the waiting list waiting under 18 weeks meeting its target?" in headers
    subheaders = [s.value for s in at.subheader]
    for section in ("The numbers", "Target history", "Events", "Improvement projects"):
        assert any(s.startswith(section) for s in subheaders)
    # The table shows the numbers as the board reads them (the CSV keeps full precision).
    numbers = at.dataframe[0].value
    expected = expected_answer(at, "XRA05", "rtt_18wk_pct")
    assert numbers["Value"].iloc[-1] == format_value(expected.latest_value, "percent")
    assert {"Mean", "Lower process limit", "Upper process limit", "Point type"} <= set(
        numbers.columns
    )
    assert set(numbers["Point type"]) <= set(palette.POINT_TYPE_LABELS.values())
    shown = numbers.drop(columns="Period").astype(str)
    assert not shown.isin(["None", "nan", "NaN"]).any().any(), "missing numbers show blank"
    assert not shown.apply(lambda c: c.str.contains("_")).any().any(), "no raw codes shown"
    for column in ("Mean", "Lower process limit", "Upper process limit"):
        assert numbers[column].str.fullmatch(r"-?[\d,]+(\.\d)?%").all(), column
