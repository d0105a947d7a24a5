"""The XmR chart, checked trace by trace (an app test cannot look inside a chart)."""

from datetime import date

from impact import palette
from impact.charts.spc_chart import RULE_WORDS, rule_words, spc_figure, target_segments
from impact.spc import SPECIAL_CAUSE_TYPES
from tests.charts.sample import TARGETS, points, trace


def test_points_coloured_and_named_by_point_type():
    fig = spc_figure(points(), title="A&E", unit="percent")
    concern = trace(fig, palette.POINT_TYPE_LABELS["special_cause_concern"])
    assert concern.marker.color == palette.POINT_TYPE_COLOURS["special_cause_concern"]
    assert list(concern.y) == [95.0]
    improvement = trace(fig, palette.POINT_TYPE_LABELS["special_cause_improvement"])
    assert improvement.marker.color == palette.NHS_BLUE
    assert len(trace(fig, "Common cause").x) == 4
    assert "Rule: %{customdata[1]}" in concern.hovertemplate
    assert concern.customdata[0][1] == "Above the upper process limit"  # words, not R's code
    assert concern.customdata[0][0] == "95%"


def test_mean_and_limits_break_between_rebase_groups():
    fig = spc_figure(points(), title="x")
    for name in ("Mean", "Upper process limit", "Lower process limit"):
        ys = list(trace(fig, name).y)
        assert ys.count(None) == 1 and len(ys) == 7
    assert list(trace(fig, "Mean").y) == [71.0] * 3 + [None] + [85.0] * 3


def test_target_steps_at_its_effective_date():
    segs = target_segments(TARGETS, date(2024, 1, 1), date(2024, 6, 1))
    assert [(s[0].date(), s[1].date(), s[2]) for s in segs] == [
        (date(2024, 1, 1), date(2024, 3, 31), 76.0),
        (date(2024, 4, 1), date(2024, 6, 1), 78.0),
    ]
    fig = spc_figure(points(), title="x", targets=TARGETS)
    target = trace(fig, "Target")
    assert list(target.y) == [76.0, 76.0, None, 78.0, 78.0]
    assert target.line.color == palette.TARGET_LINE


def test_no_target_no_targettrace():
    fig = spc_figure(points(), title="x", targets=TARGETS.iloc[0:0])
    assert all(t.name != "Target" for t in fig.data)
    assert target_segments(TARGETS, date(2020, 1, 1), date(2020, 6, 1)) == []


def test_empty_points_give_an_empty_chart():
    assert spc_figure(points().iloc[0:0], title="x").data == ()


def test_rule_words_say_the_rule_in_words():
    assert rule_words("7 Points Below CL") == "7 or more points below the mean"
    assert rule_words("Something new") == "Something new"
    assert rule_words(None) == ""


def test_every_spc_rule_has_words():
    assert set(SPECIAL_CAUSE_TYPES) == set(RULE_WORDS)


def test_the_caption_names_the_chart_type_and_rule_set():
    board_points = points().assign(chart="pp", rules="mdc", limits_mode="auto")
    caption = spc_figure(board_points, title="A&E").layout.title.subtitle.text
    assert caption == (
        "Laney p′ chart · Making Data Count 2023 rules · limits recalculated after sustained shifts"
    )
    assert spc_figure(points(), title="A&E").layout.title.subtitle.text == "XmR chart"
    fixed = points().assign(chart="c", rules="plotthedots", limits_mode="fixed")
    assert spc_figure(fixed, title="x").layout.title.subtitle.text == (
        "c chart · NHSRplotthedots 0.2.2 rules"
    )


def test_hover_names_the_rule_that_fired_and_its_rule_set():
    board_points = points().assign(
        rules="mdc",
        astronomical=[0, 0, 0, 0, 0, 1],
        shift=[0, 0, 0, 1, 0, 0],
        trend=0,
        two_in_three=[0, 0, 0, 1, 0, 0],
    )
    fig = spc_figure(board_points, title="x")
    concern = trace(fig, palette.POINT_TYPE_LABELS["special_cause_concern"])
    assert concern.customdata[0][1] == (
        "Astronomical: a point above the upper process limit (Making Data Count 2023 rules)"
    )
    improvement = trace(fig, palette.POINT_TYPE_LABELS["special_cause_improvement"])
    assert improvement.customdata[0][1] == (
        "Shift: 7 points above the mean; 2 of 3: 2 of 3 points beyond 2σ above the mean"
        " (Making Data Count 2023 rules)"
    )
    assert trace(fig, "Common cause").customdata[0][1] == (
        "No rule: common cause (Making Data Count 2023 rules)"
    )


def _wide_limits():
    """Limits computed beyond what the measure can be: -3.6 % to 120.9 %, as on real data."""
    return points().assign(lpl=-3.6, upl=120.9, nlpl=10.0, nupl=110.0)


def test_percent_limits_are_drawn_within_0_and_100_and_the_input_is_untouched():
    computed = _wide_limits()
    fig = spc_figure(computed, title="x", unit="percent")
    assert set(trace(fig, "Lower process limit").y) - {None} == {0.0}
    assert set(trace(fig, "Upper process limit").y) - {None} == {100.0}
    assert fig.layout.yaxis.autorangeoptions.clipmin == 0.0
    assert fig.layout.yaxis.autorangeoptions.clipmax == 100.0
    # The frame the numbers table and CSV show keeps the computed limits.
    assert set(computed["lpl"]) == {-3.6} and set(computed["upl"]) == {120.9}


def test_count_and_time_limits_never_below_zero_and_unbounded_above():
    for unit in ("count", "minutes", "days"):
        fig = spc_figure(_wide_limits(), title="x", unit=unit)
        assert set(trace(fig, "Lower process limit").y) - {None} == {0.0}
        assert set(trace(fig, "Upper process limit").y) - {None} == {120.9}
        assert fig.layout.yaxis.autorangeoptions.clipmin == 0.0
        assert fig.layout.yaxis.autorangeoptions.clipmax is None


def test_a_unit_without_a_natural_range_is_drawn_as_computed():
    fig = spc_figure(_wide_limits(), title="x", unit="")
    assert set(trace(fig, "Lower process limit").y) - {None} == {-3.6}
    assert fig.layout.yaxis.autorangeoptions.clipmin is None
