"""The pack's HTML: every section, one inline chart per metric, icons with words, offline."""

from __future__ import annotations

import re

from impact import pack, spc
from impact.spc import icons
from tests.pack.conftest import tags


def test_every_section_is_present(built) -> None:
    content, html, _ = built
    ids = {attrs.get("id") for tag, attrs in tags(html) if tag == "section"}
    expected = {
        "cover",
        "overview",
        "ipr-summary",
        "priority-elective",
        "priority-uec",
        "priority-primary_care",
        "summary-improvement",
        "summary-capability",
        "more-questions",
        "open-questions",
        "how-to-read",
        "data-sources",
    }
    assert expected <= ids
    assert "Improvement portfolio" in html
    assert "Self-assessment score (1 to 5) by NHS IMPACT component" in html
    assert "How to read these charts" in html
    assert "Page &quot;" not in html  # the page counter lives in CSS, not in the text


def test_one_interactive_chart_per_metric_and_plotly_inline_once(built) -> None:
    content, html, board = built
    charts = [
        a for t, a in tags(html) if t == "div" and "plotly-graph-div" in (a.get("class") or "")
    ]
    # One SPC chart per metric, and a funnel plot for each metric where one applies.
    funnels = sum(m.funnel_figure is not None for p in content.priorities for m in p.metrics)
    assert 0 < funnels < len(board.answers)
    assert len([c for c in charts if c["id"].startswith("chart-")]) == len(board.answers)
    assert len([c for c in charts if c["id"].startswith("funnel-")]) == funnels
    assert len(charts) == len(board.answers) + funnels
    assert html.count("Plotly.newPlot(") == len(board.answers) + funnels
    scripts = [a for t, a in tags(html) if t == "script"]
    assert all("src" not in a for a in scripts)
    # plotly.js is embedded exactly once (its licence banner opens the bundle)
    assert len(re.findall(r"plotly\.js v\d+\.\d+\.\d+", html)) == 1


def test_ipr_summary_has_icons_with_text_labels(built) -> None:
    content, html, board = built
    ipr = html[html.index('id="ipr-summary"') : html.index('id="priority-elective"')]
    for answer in board.answers:
        assert pack.esc(answer.metric.metric_name) in ipr
        entry = next(
            m
            for p in content.priorities
            for m in p.metrics
            if m.metric_id == answer.metric.metric_id
        )
        assert entry.variation is not None  # every answered metric has an SPC result
        name = spc.variation_icon_name(answer.variation, answer.metric.direction)
        assert entry.variation.markup == icons.variation_icon_svg(name)  # the pages' icon
        assert entry.variation.label == icons.variation_label(name)
        if answer.assurance:
            assert entry.assurance is not None
            assert entry.assurance.label == icons.assurance_label(answer.assurance)
    labels = re.findall(r'<span class="icon-label">([^<]+)</span>', ipr)
    with_assurance = sum(1 for a in board.answers if a.assurance)
    assert len(labels) == len(board.answers) + with_assurance
    assert ipr.count("<svg") == len(labels) + len(board.answers)  # icons plus sparklines


def test_no_external_reference_anywhere(built) -> None:
    _, html, _ = built
    for tag, attrs in tags(html):
        for name in ("src", "href", "action", "poster", "data"):
            value = (attrs.get(name) or "").strip()
            if value:
                assert value.startswith(("#", "data:")), (tag, name, value)
        assert not (tag == "link" and "stylesheet" in (attrs.get("rel") or ""))
    styles = re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    assert styles
    for css in styles:
        assert "@import" not in css
        assert "url(" not in css


def test_running_header_survives_hostile_names_in_css(built) -> None:
    content, html, _ = built
    css = html[html.index("<style>") : html.index("</style>")]
    assert "</" not in css[len("<style>") :]
    header = pack.css_string(content.running_header)
    assert header in css
    assert '"' not in header[1:-1] and "<" not in header
