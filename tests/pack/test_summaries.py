"""The summary pages: improvement and capability, from the pages' own functions."""

from __future__ import annotations

from impact import capability, improvement
from impact.filters import period_end
from impact.orgs import OrgTree
from tests.pack.conftest import ORG, PERIOD


def test_improvement_and_capability_summaries_follow_the_priorities(built) -> None:
    content, html, _ = built
    assert [s.key for s in content.summaries] == ["improvement", "capability"]
    improvement_page, capability_page = content.summaries
    assert [t.caption for t in improvement_page.tables] == [
        "Improvement portfolio",
        "Is it working? What each project's outcome measure shows since it began",
        "Is our effort aimed at our biggest gaps?",
    ]
    projects = len(improvement_page.tables[0].rows)
    assert improvement_page.paragraphs[0].startswith(
        f"{projects} improvement projects ran in this period ("
    )
    assert "Improvement portfolio" in html
    assert capability_page.tables[0].caption == (
        "Self-assessment score (1 to 5) by NHS IMPACT component"
    )
    assert "Self-assessment score (1 to 5) by NHS IMPACT component" in html


def test_summaries_show_what_the_pages_show(built, demo_store) -> None:
    content, _, board = built
    tree = OrgTree.from_frame(demo_store.query("board_org_tree"))
    last_day = period_end(PERIOD[1])
    view = improvement.build_improvement(
        demo_store.query,
        improvement.scope_codes(tree, ORG),
        PERIOD[0],
        last_day,
        improvement.assurance_from_board(board),
        last_day,
    )
    improvement_page, capability_page = content.summaries
    portfolio, effects, _ = improvement_page.tables
    assert len(portfolio.rows) == len(view.portfolio)
    assert [row[2] for row in effects.rows] == [
        view.answers[p].headline for p in view.portfolio["project_id"]
    ]
    assert list(improvement_page.questions) == view.questions
    cap = capability.build_capability(
        demo_store.query,
        org_code=ORG,
        org_name=tree.name(ORG),
        peer_codes=[o.code for o in tree.peers(ORG, "parent")],
        period_from=PERIOD[0],
        period_to=last_day,
    )
    assert list(capability_page.questions) == cap.questions
    assert [row[1] for row in capability_page.tables[0].rows] == [
        capability.score_or_dash(s) for s in cap.latest["score"]
    ]
