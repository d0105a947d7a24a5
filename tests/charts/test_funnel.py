"""The funnel chart: every peer a point, limits named and dashed, the chosen one marked."""

import pandas as pd

from impact import palette
from impact.charts.funnel import CHOSEN_NAME, PEERS_NAME, funnel_figure
from impact.spc import funnel, funnel_lines

PEERS = pd.DataFrame(
    {
        "org_code": ["A", "B", "C", "D"],
        "org_name": ["Ash", "Birch", "Cedar", "Damson"],
        "numerator": [700, 350, 560, 200],
        "denominator": [1000, 500, 800, 400],
    }
)


def _figure(chosen: str = "D"):
    rows = funnel(
        PEERS, group_col="org_code", numerator_col="numerator", denominator_col="denominator"
    )
    lines = funnel_lines(rows)
    rows = rows.rename(columns={"group": "org_code"}).assign(org_name=PEERS["org_name"])
    return rows, funnel_figure(rows, lines, chosen=chosen, unit="percent", title="Funnel")


def test_the_chosen_organisation_is_a_labelled_blue_diamond():
    rows, fig = _figure("D")
    mine = next(t for t in fig.data if t.name == CHOSEN_NAME)
    assert list(mine.x) == [400] and list(mine.y) == [50.0]
    assert mine.marker.symbol == "diamond" and mine.marker.color == palette.PEER_HIGHLIGHT
    assert list(mine.text) == ["Damson (selected)"]
    outlier = rows.set_index("org_code").loc["D", "outlier"]
    assert outlier.startswith("below")
    assert mine.customdata[0].startswith("Damson: 50% (200 of 400); below the ")
    others = next(t for t in fig.data if t.name == PEERS_NAME)
    assert list(others.x) == [1000, 500, 800]
    assert rows.set_index("org_code").loc["C", "outlier"] == "within"
    assert others.customdata[2] == "Cedar: 70% (560 of 800); within the 95% limits"


def test_both_pairs_of_limits_are_drawn_with_one_legend_entry_each():
    _, fig = _figure()
    limits = [t for t in fig.data if t.legendgroup in ("95% limits", "99.8% limits")]
    assert len(limits) == 4
    assert [t.name for t in limits if t.showlegend] == ["95% limits", "99.8% limits"]
    assert {t.line.dash for t in limits} == {"dash", "dot"}
    centre = fig.data[0]
    assert centre.name == "All peers together (67.0%)"


def test_the_value_axis_shows_the_points_not_the_flare_near_zero():
    rows, fig = _figure()
    low, high = fig.layout.yaxis.range
    assert low < rows["value"].min() and high > rows["value"].max()
    assert low > 0 and high < 100  # the limits near a size of zero are off the axis
    mine = next(t for t in fig.data if t.name == CHOSEN_NAME)
    assert mine.textposition == "top right"  # Damson is the smallest: label towards the room


def test_the_value_axis_stays_within_0_to_100_percent():
    near_full = PEERS.assign(numerator=[999, 499, 800, 399])
    rows = funnel(
        near_full, group_col="org_code", numerator_col="numerator", denominator_col="denominator"
    )
    lines = funnel_lines(rows)
    rows = rows.rename(columns={"group": "org_code"}).assign(org_name=PEERS["org_name"])
    fig = funnel_figure(rows, lines, chosen="C", unit="percent")
    low, high = fig.layout.yaxis.range
    assert high == 100 and low > 90
