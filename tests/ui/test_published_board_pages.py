"""The Elective and UEC pages of real organisations, on NHS England's files as downloaded.

With the A&E, DM01, AmbSYS and RTT files and the ODS trust list dropped in untouched:
University Hospitals Birmingham (RRK) sees diagnostics, RTT and A&E, each with its SPC
chart and answer; London Ambulance Service (RRU) sees its ambulance response times; an
ICB is told on which basis its RTT figures are formed. Names read as people write them,
no chart draws a limit or an axis outside what the measure can be, and the peer chart
compares rates and names its peer group. Skipped where the shared data is absent.
"""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from impact.board import build_board
from impact.board.rtt_basis import PROVIDER_BASIS
from impact.spc.natural_range import natural_range
from impact.store import open_store
from impact.ui.pages.priority import charts_key
from tests.ui.apps import dashboard, markdown_and_html

LIMIT_TRACES = ("Upper process limit", "Lower process limit")
RRK_NAME = "University Hospitals Birmingham NHS Foundation Trust"
RRK_ICB = "NHS Birmingham and Solihull Integrated Care Board"


@pytest.fixture(scope="module")
def published(published_boards):
    """The app pointed at the session's published folder (already ingested)."""
    mp = pytest.MonkeyPatch()
    published_boards.environment(mp)
    yield open_store(published_boards.data, published_boards.cache)
    mp.undo()


def _page(view: str, **params: str):
    at = dashboard(timeout=120, **params)
    for metric_id in open_store().query("board_metrics")["metric_id"]:
        at.session_state[charts_key(metric_id)] = True  # every metric's charts section open
    at.switch_page(view).run(timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    return at


def numbers(values: object) -> list[float]:
    """A trace's x or y as floats: a plain list, or Plotly's typed array (``bdata``)."""
    if isinstance(values, dict):
        raw = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
        return [float(v) for v in raw]
    return [float(v) for v in values if v is not None]


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def spc_charts(at) -> dict[str, dict]:
    """The SPC charts the run drew, by title (the metric's name)."""
    found = {}
    for spec in charts(at):
        names = {trace.get("name") for trace in spec["data"]}
        if names & set(LIMIT_TRACES):
            found[spec["layout"]["title"]["text"]] = spec
    return found


def peer_chart(at, sentence: str) -> dict:
    return next(c for c in charts(at) if sentence in c["layout"]["title"]["text"])


def assert_within_natural_range(spec: dict, unit: str) -> None:
    """No limit trace outside the unit's natural range, and the axis clipped at it."""
    low, high = natural_range(unit)
    options = spec["layout"]["yaxis"].get("autorangeoptions", {})
    assert options.get("clipmin") == low and options.get("clipmax") == high
    for trace in spec["data"]:
        if trace.get("name") in LIMIT_TRACES:
            ys = numbers(trace["y"])
            assert ys, trace["name"]
            assert low is None or min(ys) >= low, (spec["layout"]["title"]["text"], ys)
            assert high is None or max(ys) <= high, (spec["layout"]["title"]["text"], ys)


def _board(at, store, org: str):
    f = at.session_state["_filters_state"]
    return build_board(store.query, org, f.period_from, f.period_to)


def _assert_charted_and_answered(at, board, metric_ids: list[str]) -> None:
    drawn = spc_charts(at)
    texts = markdown_and_html(at)
    for metric_id in metric_ids:
        answer = board.answer(metric_id)
        assert answer is not None and len(answer.points) > 1, metric_id
        name = answer.metric.metric_name
        assert name in drawn, f"no SPC chart for {name}"
        assert_within_natural_range(drawn[name], answer.metric.unit)
        assert answer.answer in texts


def test_rrk_elective_shows_diagnostics_and_rtt_charted_within_their_range(published):
    at = _page("views/elective.py", org="RRK")
    assert at.caption[0].value.startswith(f"{RRK_NAME} (RRK) · ")
    board = _board(at, published, "RRK")
    metrics = ["dm01_6wk_pct", "dm01_waiting_list", "rtt_18wk_pct", "rtt_waiting_list"]
    _assert_charted_and_answered(at, board, [*metrics, "rtt_52wk", "rtt_52wk_pct"])
    # Two RTT months spread far apart: the computed lower limit of the 52-week waits is
    # negative, and stays so in the numbers; the chart draws it at zero.
    waits = board.answer("rtt_52wk")
    assert waits.lpl < 0
    lower = next(
        t for t in spc_charts(at)[waits.metric.metric_name]["data"] if t["name"] == LIMIT_TRACES[1]
    )
    assert set(numbers(lower["y"])) == {0.0}
    # A trust's RTT figures are its own: the ICB basis note is for ICBs only.
    assert PROVIDER_BASIS not in [i.value for i in at.info]


def test_rrk_uec_compares_twelve_hour_waits_as_rates_with_its_peer_group_named(published):
    at = _page("views/uec.py", org="RRK")
    board = _board(at, published, "RRK")
    _assert_charted_and_answered(
        at, board, ["ae_4hr_all", "ae_4hr_type1", "ae_12hr_dta", "ae_attendances"]
    )
    sentence = (
        f"other trust with a type 1 A&E department in {RRK_ICB}, as a rate per 1,000 attendances."
    )
    said = [line for line in markdown_and_html(at).splitlines() if line.endswith(sentence)]
    assert said and said[0].startswith("Compared with 1 ")
    chart = peer_chart(at, said[0])
    assert chart["layout"]["xaxis"]["title"]["text"] == "per 1,000 attendances"
    bars = chart["data"][0]
    assert f"{RRK_NAME} (selected)" in bars["y"]
    assert "Birmingham Women's and Children's NHS Foundation Trust" in bars["y"]
    assert not any(name.isupper() for name in bars["y"])  # no name left in capitals
    rates = dict(zip(bars["y"], numbers(bars["x"]), strict=True))
    own = published.query("store_org_series", org_code="RRK")
    latest = own[own.metric_id.isin(["ae_12hr_dta", "ae_attendances"])]
    latest = latest[latest.period_start == latest.period_start.max()]
    by_metric = dict(zip(latest.metric_id, latest.value, strict=True))
    expected = 1000 * by_metric["ae_12hr_dta"] / by_metric["ae_attendances"]
    assert rates[f"{RRK_NAME} (selected)"] == pytest.approx(expected)


def test_rru_uec_shows_ambulance_response_times_charted(published):
    at = _page("views/uec.py", org="RRU", peers="region")
    assert at.caption[0].value.startswith("London Ambulance Service NHS Trust (RRU) · ")
    board = _board(at, published, "RRU")
    ambulance = ["amb_cat1_mean", "amb_cat1_90th", "amb_cat2_mean", "amb_cat2_90th"]
    _assert_charted_and_answered(at, board, ambulance)
    assert not any(a.metric.metric_id.startswith("ae_") for a in board.answers)
    # London has one ambulance trust: the page says so rather than draw a chart of one.
    assert (
        "No other ambulance trusts in NHS England London report this measure, so there are "
        "no like organisations to compare with."
    ) in markdown_and_html(at)


def test_an_icb_is_told_its_rtt_figures_are_on_provider_basis(published):
    at = _page("views/elective.py", org="QHL")
    assert at.caption[0].value.startswith(f"{RRK_ICB} (QHL) · ")
    assert [i.value for i in at.info].count(PROVIDER_BASIS) == 1
    board = _board(at, published, "QHL")
    rtt = [a for a in board.by_priority("elective") if a.metric.metric_id.startswith("rtt_")]
    assert len(rtt) == 6
    _assert_charted_and_answered(at, board, [a.metric.metric_id for a in rtt])
