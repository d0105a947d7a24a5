"""Rebase breaks and event notes on the XmR chart."""

import pandas as pd

from impact.charts.events import rebase_dates
from impact.charts.spc_chart import spc_figure
from tests.charts.sample import EVENTS, TARGETS, points


def test_rebase_break_and_event_annotations():
    fig = spc_figure(points(), title="x", targets=TARGETS, events=EVENTS)
    names = [s.name for s in fig.layout.shapes]
    assert names.count("rebase") == 1 and names.count("event") == 1
    texts = [a.text for a in fig.layout.annotations]
    assert "Limits recalculated: New SDEC unit" in texts
    assert "Winter escalation ward" in texts


def test_rebase_dates_are_where_each_later_group_starts():
    assert rebase_dates(points()) == [pd.Timestamp("2024-04-01")]
    assert rebase_dates(points().assign(rebase_group=0)) == []


def test_a_sustained_shift_is_labelled_apart_from_a_rebase_event():
    """Two breaks: the event's (named after it) and the algorithm's (named after the shift)."""
    shifted = points()
    shifted["rebase_group"] = [0, 1, 1, 2, 2, 2]
    shifted["limits_change"] = ["", "recalculated", "", "rebase", "", ""]
    fig = spc_figure(shifted, title="x", events=EVENTS)
    names = [s.name for s in fig.layout.shapes]
    assert names.count("recalculation") == 1 and names.count("rebase") == 1
    texts = [a.text for a in fig.layout.annotations]
    assert "Limits recalculated: sustained shift from Feb 2024" in texts
    assert "Limits recalculated: New SDEC unit" in texts
    line = next(s for s in fig.layout.shapes if s.name == "recalculation")
    assert pd.Timestamp(line.x0) == pd.Timestamp("2024-02-01")
