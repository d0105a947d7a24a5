"""The peer chart: ranking, the chosen organisation marked, values beside the plot."""

import pandas as pd

from impact import palette
from impact.charts.peers import peer_figure, rank_peers


def test_peers_ranked_by_direction_and_chosen_highlighted():
    peers = pd.DataFrame(
        {"org_code": ["A", "B", "C"], "org_name": ["Ash", "Birch", "Cedar"], "value": [5, 9, 1]}
    )
    assert rank_peers(peers, "increase")["org_code"].tolist() == ["B", "A", "C"]
    assert rank_peers(peers, "decrease")["org_code"].tolist() == ["C", "A", "B"]
    fig = peer_figure(peers, chosen="A", direction="decrease", unit="count", target=3)
    bar = fig.data[0]
    assert list(bar.y) == ["Cedar", "Ash (selected)", "Birch"]
    assert list(bar.marker.color) == [
        palette.PEER_OTHER,
        palette.PEER_HIGHLIGHT,
        palette.PEER_OTHER,
    ]
    assert [s.name for s in fig.layout.shapes] == ["target"]


def _peer_chart(values, target):
    names = [f"Trust {i} with a long name NHS Foundation Trust" for i in range(len(values))]
    peers = pd.DataFrame(
        {"org_code": [str(i) for i in range(len(values))], "org_name": names, "value": values}
    )
    return peer_figure(peers, chosen="0", direction="increase", unit="percent", target=target)


def test_peer_values_sit_in_their_own_column_beside_the_plot():
    """Values cannot be clipped by the plot edge nor crossed by the target line."""
    fig = _peer_chart([82.55, 78.8, 78.4, 75.5], target=80)
    values = [a for a in fig.layout.annotations if a.name == "value"]
    assert [a.text for a in values] == ["<b>82.5%</b>", "78.8%", "78.4%", "75.5%"]
    assert all(a.xref == "paper" and a.x == 1 and a.xanchor == "left" for a in values)
    assert fig.layout.margin.r >= 10 * len("82.5%")  # room for the value column
    assert fig.data[0].cliponaxis is False
    low, high = fig.layout.xaxis.range
    assert low == 0 and high > 82.55  # the longest bar ends inside the plot


def test_peer_target_label_points_away_from_the_values():
    near_right = _peer_chart([82.0, 78.0], target=80)
    label = next(a for a in near_right.layout.annotations if a.name == "target-label")
    assert label.text == "Target 80%" and label.xanchor == "right"
    assert label.yref == "paper" and label.y == 1 and label.yanchor == "bottom"  # above bars
    near_left = _peer_chart([90.0, 95.0], target=10)
    label = next(a for a in near_left.layout.annotations if a.name == "target-label")
    assert label.xanchor == "left"
