"""The funnel plot of one metric among like peers: who is on it, and its sentence."""

from __future__ import annotations

from datetime import date

import pytest

from impact.board.funnel import funnel_position, no_denominator_sentence
from impact.board.metrics import load_metrics
from impact.board.peers import compare_with_peers
from impact.orgs import OrgTree
from impact.spc import funnel
from impact.store import open_store

ORGS = """org_code,org_name,org_type,parent_code
R,Test Region,region,
I,Test ICB,icb,R
A,Acute A,trust,I
B,Acute B,trust,I
C,Acute C,trust,I
D,Acute D,trust,I
E,Acute E,trust,I
F,Acute F,trust,I
G,Acute G,trust,I
H,Acute H,trust,I
K,Acute K,trust,I
L,Acute L,trust,I
M,Acute M,trust,I
N,Acute N,trust,I
"""
#: Type 1 four-hour figures in March 2025: (numerator, denominator). F is far below the rest;
#: G has no numerator or denominator that month.
MARCH = {
    "A": (7500, 10000),
    "B": (3750, 5000),
    "C": (6000, 8000),
    "D": (3000, 4000),
    "E": (4500, 6000),
    "F": (550, 1000),
    "H": (5250, 7000),
    "K": (2250, 3000),
    "L": (6750, 9000),
    "M": (1500, 2000),
    "N": (8250, 11000),
}
TO = date(2025, 3, 31)


def _rows() -> list[str]:
    rows = []
    for code, (num, den) in MARCH.items():
        rows.append(f"ae_4hr_type1,{code},2025-03-01,{100 * num / den},{num},{den}")
        rows.append(f"ae_4hr_type1,{code},2025-02-01,70,{int(den * 0.7)},{den}")
        rows.append(f"ae_attendances,{code},2025-03-01,{den},,")
        rows.append(f"ae_12hr_dta,{code},2025-03-01,{den // 100},,")
        rows.append(f"rtt_waiting_list,{code},2025-03-01,{den * 3},,")
    rows.append("ae_4hr_type1,G,2025-03-01,71,,")
    rows.append("ae_4hr_type1,G,2025-02-01,70,700,1000")
    return rows


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("funnel")
    (folder / "organisations.csv").write_text(ORGS)
    header = "metric_id,org_code,period_start,value,numerator,denominator\n"
    (folder / "observations.csv").write_text(header + "\n".join(_rows()) + "\n")
    store = open_store(folder, tmp_path_factory.mktemp("cache"))
    tree = OrgTree.from_frame(store.query("board_org_tree"))
    metrics = {m.metric_id: m for m in load_metrics(store.query, ("uec", "elective"))}
    return store, tree, metrics


def _position(setup, org: str, metric_id: str):
    store, tree, metrics = setup
    peers = compare_with_peers(
        store.query, tree, org_code=org, metric_id=metric_id, scope="parent", period_to=TO
    )
    return funnel_position(store.query, peers, metrics[metric_id])


def test_a_trust_far_below_its_peers_is_an_outlier_and_told_so(setup):
    position = _position(setup, "F", "ae_4hr_type1")
    assert position.applies and position.period == date(2025, 3, 1)
    assert set(position.rows["org_code"]) == set(MARCH)  # G has no numerator that month
    assert position.note() == "Not on the funnel: Acute G (no numerator and denominator)."
    expected = funnel(
        position.rows[["org_code", "numerator", "denominator"]],
        group_col="org_code",
        numerator_col="numerator",
        denominator_col="denominator",
        overdispersion="auto",
    ).set_index("group")
    assert position.chosen["ll99"] == pytest.approx(expected.loc["F", "ll99"])
    assert position.outlier == "below 99"
    limit = f"{expected.loc['F', 'll99']:.1f}%"
    assert position.sentence == (
        "Are we an outlier among the 11 trusts with a type 1 A&E department in Test ICB? "
        f"Yes, worse: 55.0% is below what chance allows for our size (the 99.8% limit is {limit})."
    )


def test_a_trust_in_line_with_its_peers_is_within_what_chance_allows(setup):
    position = _position(setup, "A", "ae_4hr_type1")
    assert position.outlier == "within"
    assert position.sentence == (
        "Are we an outlier among the 11 trusts with a type 1 A&E department in Test ICB? "
        "No: 75% is within what chance allows for our size."
    )
    # The funnel's target is the pooled proportion of everyone on it.
    pooled = sum(n for n, _ in MARCH.values()) / sum(d for _, d in MARCH.values())
    assert position.chosen["target"] == pytest.approx(100 * pooled)
    assert not position.lines.empty and position.lines["ul99"].notna().any()


def test_a_count_with_a_natural_denominator_is_on_the_funnel_as_a_rate(setup):
    position = _position(setup, "B", "ae_12hr_dta")
    assert position.applies and position.unit == "rate"
    chosen = position.chosen
    assert chosen["numerator"] == 50 and chosen["denominator"] == 5000
    assert chosen["value"] == pytest.approx(10.0)  # per 1,000 attendances
    assert position.axis_title == "Size: attendances"
    assert position.sentence.endswith(
        "No: 10 per 1,000 attendances is within what chance allows for our size."
    )


def test_a_measure_without_a_denominator_gets_no_funnel_and_says_why(setup):
    position = _position(setup, "A", "rtt_waiting_list")
    assert not position.applies and position.rows.empty
    assert position.sentence == no_denominator_sentence(position.metric)
    assert "does not apply to RTT waiting list" in position.sentence


def test_our_own_figure_without_a_denominator_gets_no_funnel(setup):
    position = _position(setup, "G", "ae_4hr_type1")
    assert not position.applies
    assert position.sentence == (
        "No funnel plot for A&E 4-hour performance (type 1): our figure for March 2025 "
        "has no usable numerator and denominator."
    )


def test_a_table_the_engine_refuses_gives_no_funnel_and_its_reason(setup, monkeypatch):
    def refuse(*args, **kwargs):
        raise ValueError("funnel: every numerator is zero, so a ratio of counts has no limits.")

    monkeypatch.setattr("impact.board.funnel.funnel", refuse)
    position = _position(setup, "A", "ae_4hr_type1")
    assert not position.applies and position.sentence == (
        "No funnel plot for A&E 4-hour performance (type 1): every numerator is zero, so a "
        "ratio of counts has no limits."
    )
