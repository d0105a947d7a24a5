"""The board's metrics: the catalogue entries of the chosen priorities, in priority order."""

from impact.board.metrics import load_metrics
from tests.board.fake_queries import fake_query


def test_only_the_chosen_priorities_in_their_order():
    metrics = load_metrics(fake_query(), ("primary_care", "uec"))
    assert [m.metric_id for m in metrics] == ["gp_same_day", "ae_4hr", "waits_12hr"]
    ae = metrics[1]
    assert (ae.unit, ae.direction, ae.frequency) == ("percent", "increase", "month")
    assert ae.definition == "" and ae.source == ""
    assert load_metrics(fake_query(), ("elective",)) == []
