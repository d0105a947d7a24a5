"""The plan line on the SPC chart: its own legend entry, hover and a look unlike the target."""

from __future__ import annotations

from impact.charts import spc_figure
from impact.charts.plan_line import PLAN_LINE, PLAN_NAME
from tests.charts.sample import TARGETS, points


def _with_plan():
    frame = points()
    frame["plan"] = [None, None, 74.0, 75.0, 76.0, 77.5]
    return frame


def test_the_plan_is_a_trace_of_the_planned_months_with_its_values():
    fig = spc_figure(_with_plan(), title="A&E", unit="percent", targets=TARGETS)
    [plan] = [t for t in fig.data if t.name == PLAN_NAME]
    assert list(plan.y) == [74.0, 75.0, 76.0, 77.5]
    assert [str(x)[:10] for x in plan.x] == ["2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01"]
    assert plan.showlegend is not False
    assert "%{customdata[2]}: %{customdata[0]}" in plan.hovertemplate
    assert [list(c) for c in plan.customdata] == [
        ["74%", "72%", "Plan"],
        ["75%", "80%", "Plan"],
        ["76%", "81%", "Plan"],
        ["77.5%", "95%", "Plan"],
    ]


def test_the_line_breaks_where_the_next_plan_year_starts_and_names_each_plan():
    frame = _with_plan()
    frame["plan_name"] = [
        None,
        None,
        "2023/24 plan",
        "2024/25 plan",
        "2024/25 plan",
        "2024/25 plan",
    ]
    fig = spc_figure(frame, title="A&E", unit="percent", targets=TARGETS)
    [plan] = [t for t in fig.data if t.name == PLAN_NAME]
    assert list(plan.y) == [74.0, None, 75.0, 76.0, 77.5]
    later = ["2024/25 plan"] * 3
    assert [c[2] for c in plan.customdata] == ["2023/24 plan", "", *later]
    assert "%{customdata[2]}: %{customdata[0]}" in plan.hovertemplate


def test_the_plan_looks_unlike_the_target():
    fig = spc_figure(_with_plan(), title="A&E", unit="percent", targets=TARGETS)
    [plan] = [t for t in fig.data if t.name == PLAN_NAME]
    [target] = [t for t in fig.data if t.name == "Target"]
    assert plan.line.color == PLAN_LINE != target.line.color
    assert plan.line.dash == "dashdot" != target.line.dash
    assert plan.mode == "lines+markers" and target.mode == "lines"


def test_no_plan_no_plan_trace():
    assert not [t for t in spc_figure(points(), title="A&E").data if t.name == PLAN_NAME]
    frame = points()
    frame["plan"] = None
    assert not [t for t in spc_figure(frame, title="A&E").data if t.name == PLAN_NAME]
