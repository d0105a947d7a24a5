"""The pack's summary pages: improvement activity and NHS IMPACT capability.

Each is built by the page's own function (:func:`impact.improvement.build_improvement`,
:func:`impact.capability.build_capability`), so the pack shows the answers the
Improvement and Capability pages show; this module only turns them into sentences and
tables of text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd

from impact import capability, improvement
from impact.board import OrgBoard
from impact.calendar import month_short
from impact.filters import period_end
from impact.orgs import OrgTree
from impact.pack.model import SummarySection, Table

QueryFn = Callable[..., pd.DataFrame]


def improvement_summary(
    query: QueryFn,
    tree: OrgTree,
    board: OrgBoard,
    org_code: str,
    period_from: date,
    period_to: date,
) -> SummarySection:
    """Improvement activity, built by the Improvement page's own function (same answers)."""
    last_day = period_end(period_to)
    view = improvement.build_improvement(
        query,
        improvement.scope_codes(tree, org_code),
        period_from,
        last_day,
        improvement.assurance_from_board(board),
        last_day,
    )
    title = "Improvement activity"
    alignment = Table(
        "Is our effort aimed at our biggest gaps?",
        ("Metric", "Assurance", "Active projects", "What this suggests"),
        [
            (str(r.metric_name), str(r.assurance), f"{r.active_projects}", str(r.alignment))
            for r in view.alignment.itertuples(index=False)
        ],
    )
    if view.projects.empty:
        return SummarySection(
            key="improvement",
            title=title,
            paragraphs=["No improvement projects were running in this period."],
            tables=[alignment] if not view.alignment.empty else [],
            questions=view.questions,
        )
    portfolio = view.portfolio
    counts = improvement.portfolio_counts(portfolio, "status")
    count_words = ", ".join(
        f"{n} {s}" for s, n in zip(counts["status"], counts["projects"], strict=True)
    )
    effects = [view.answers[p] for p in portfolio["project_id"]]
    tally = improvement.effect_counts(effects)
    tally_words = "; ".join(
        f"{improvement.EFFECT_HEADLINES[k].lower()}: {n}" for k, n in tally.items() if n
    )
    return SummarySection(
        key="improvement",
        title=title,
        paragraphs=[
            f"{len(portfolio)} improvement projects ran in this period ({count_words}).",
            f"Is it working? {tally_words}.",
        ],
        tables=[*_portfolio_tables(view), alignment],
        questions=view.questions,
    )


def _portfolio_tables(view: improvement.ImprovementView) -> list[Table]:
    """The portfolio and its "Is it working?" answers, a row per project."""
    rows = list(view.portfolio.itertuples(index=False))
    portfolio_rows = [
        (
            _cell(r.title),
            _cell(r.org_name) or _cell(r.org_code),
            _cell(r.status).capitalize(),
            _cell(r.method) or "Not stated",
            _cell(r.lead) or "Not stated",
            f"{int(r.cycles)}",
            f"{int(r.months_running)}",
        )
        for r in rows
    ]
    effect_rows = [
        (
            _cell(r.title),
            _cell(r.metric_name) or "No outcome measure linked",
            view.answers[r.project_id].headline,
            view.answers[r.project_id].sentence,
        )
        for r in rows
    ]
    return [
        Table(
            "Improvement portfolio",
            ("Project", "Organisation", "Status", "Method", "Lead", "PDSA cycles", "Months"),
            portfolio_rows,
        ),
        Table(
            "Is it working? What each project's outcome measure shows since it began",
            ("Project", "Outcome measure", "What the data shows", "Detail"),
            effect_rows,
        ),
    ]


def _cell(value: object) -> str:
    """A table cell's text: blank for a missing value (None, NaN, NaT)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def capability_summary(
    query: QueryFn,
    tree: OrgTree,
    org_code: str,
    period_from: date,
    period_to: date,
    peer_scope: str,
) -> SummarySection:
    """NHS IMPACT capability, built by the Capability page's own function (same answers)."""
    org_name = tree.name(org_code)
    view = capability.build_capability(
        query,
        org_code=org_code,
        org_name=org_name,
        peer_codes=[o.code for o in tree.peers(org_code, peer_scope)],
        period_from=period_from,
        period_to=period_end(period_to),
    )
    paragraphs = []
    if view.assessed:
        newest = pd.Timestamp(view.latest["assessment_date"].max())
        paragraphs.append(f"Latest NHS IMPACT self-assessment: {month_short(newest)}.")
    else:
        paragraphs.append("There is no NHS IMPACT self-assessment for this organisation yet.")
    if view.capacity.empty:
        paragraphs.append("No improvement capability figures in this period.")
    else:
        last = view.capacity.iloc[-1]
        paragraphs.append(
            f"In {month_short(last['period_start'])}, "
            f"{last['trained_any_pct']:.1f}% of {int(last['headcount']):,} staff had improvement "
            f"training and there were {last['coaches_per_1000']:.1f} improvement coaches per "
            "1,000 staff."
        )
    medians = dict(zip(view.peers["component"], view.peers["peer_median"], strict=True))
    rows = [
        (
            str(r.title),
            capability.score_or_dash(r.score),
            capability.change_words(r.change) if not pd.isna(r.score) else "not assessed",
            capability.score_or_dash(medians.get(r.component)),
        )
        for r in view.latest.itertuples(index=False)
    ]
    return SummarySection(
        key="capability",
        title="NHS IMPACT capability",
        paragraphs=paragraphs,
        tables=[
            Table(
                "Self-assessment score (1 to 5) by NHS IMPACT component",
                ("Component", "Latest score", "Change since previous", "Peer median"),
                rows,
            )
        ],
        questions=view.questions,
    )
