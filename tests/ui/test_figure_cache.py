"""Figures are built once per data version and what they show, and rebuilt when either moves."""

from __future__ import annotations

from pathlib import Path

import pytest

from impact import charts
from impact.ui import data
from impact.ui.components import funnel
from tests.ui.apps import OBS_HEADER, dashboard


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The title of every SPC, peer and funnel figure built (the caches emptied first)."""
    data._cached_figure.clear()
    data._cached_peers.clear()
    titles: list[str] = []
    for name in ("spc_figure", "peer_figure"):
        real = getattr(charts, name)

        def counting(*args, _real=real, **kwargs):
            titles.append(kwargs["title"])
            return _real(*args, **kwargs)

        monkeypatch.setattr(charts, name, counting)
    real_funnel = funnel.position_figure

    def funnel_counting(position):
        titles.append(f"funnel of {position.metric.metric_id}")
        return real_funnel(position)

    monkeypatch.setattr(funnel, "position_figure", funnel_counting)
    return titles


def _specs(at) -> list[str]:
    return [chart.proto.spec for chart in at.get("plotly_chart")]


def test_a_rerun_that_changes_nothing_builds_no_figure(demo_copy: Path, built) -> None:
    at = dashboard(org="XRA05", **{"from": "2025-01"})
    at.switch_page("views/elective.py").run()
    first = _specs(at)
    assert first and len(built) == len(first)  # one build per chart drawn
    count = len(built)
    at.run()
    assert len(built) == count  # nothing rebuilt
    assert _specs(at) == first  # and the very same figures drawn


def test_another_period_or_new_data_builds_afresh(demo_copy: Path, built) -> None:
    at = dashboard(org="XRA05", **{"from": "2025-01"})
    at.switch_page("views/elective.py").run()
    first, count = _specs(at), len(built)
    at.sidebar.selectbox(key="f_from").select_index(0).run()
    assert not at.exception
    assert len(built) == 2 * count  # every figure built again for the new period
    assert _specs(at) != first
    again = len(built)
    # A dropped extract changes the fingerprint: the figures of the new data are built.
    line = "rtt_18wk_pct,XRA05,2026-10-01,61.0,,\n"
    (demo_copy / "late.csv").write_text(OBS_HEADER + line, encoding="utf-8")
    at.run()
    assert not at.exception
    assert len(built) == again + count
