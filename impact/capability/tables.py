"""The Capability page's tables, in words: scores, changes, places among peers, capacity."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from impact.calendar import month_short
from impact.capability.assessment import change_words
from impact.capability.components import COMPONENT_TITLES, score_text


def score_or_dash(value: float) -> str:
    """A score as written on the page (``3``, ``3.5``), or ``—`` when there is none."""
    return "—" if pd.isna(value) else score_text(value)


def month_or_dash(value: object) -> str:
    """``Mar 2025``, or ``—`` for a missing date (no previous assessment)."""
    return "—" if value is None or pd.isna(value) else month_short(value)


def peer_scope_words(scope: str) -> str:
    """Which organisations the peers are, for the page's caption."""
    if scope == "england":
        return "the whole of England"
    return "the same region" if scope == "region" else "the same parent organisation"


def self_assessment_table(latest: pd.DataFrame, peers: pd.DataFrame) -> pd.DataFrame:
    """Per component: score, change, previous date and the place among peers, in words.

    ``latest`` is :func:`latest_scores`, ``peers`` is :func:`peer_comparison`; a component
    the organisation has not scored shows ``—`` for its place rather than a rank.
    """
    by_component = peers.set_index("component")
    return pd.DataFrame(
        {
            "Component": latest["title"],
            "Score": latest["score"].map(score_or_dash),
            "Change since previous": latest["change"].map(change_words),
            "Previous assessment": latest["previous_date"].map(month_or_dash),
            "Peer median": [
                score_or_dash(by_component.loc[c, "peer_median"]) for c in latest["component"]
            ],
            "Place among peers": [
                f"{int(by_component.loc[c, 'rank'])} of {int(by_component.loc[c, 'of'])}"
                if not pd.isna(by_component.loc[c, "rank"])
                else "—"
                for c in latest["component"]
            ],
        }
    )


def peer_scores_table(
    peer_scores: pd.DataFrame, org_code: str, name: Callable[[str], str]
) -> pd.DataFrame:
    """Each organisation's latest scores by component title, the chosen one marked.

    ``peer_scores`` is indexed by organisation code with a column per component (as
    :class:`CapabilityView` holds it); ``name`` turns a code into the organisation's name.
    """
    table = peer_scores.rename(columns=COMPONENT_TITLES)
    table.insert(
        0,
        "Organisation",
        [f"{name(code)} (selected)" if code == org_code else name(code) for code in table.index],
    )
    return table.reset_index(drop=True)


def capacity_table(capacity: pd.DataFrame) -> pd.DataFrame:
    """The capacity figures by period (:func:`capacity_over_time`) as the page lists them."""
    return pd.DataFrame(
        {
            "Period": capacity["period_start"].map(month_or_dash),
            "Foundation": capacity["staff_trained_foundation"],
            "Practitioner": capacity["staff_trained_practitioner"],
            "Expert": capacity["staff_trained_expert"],
            "Coaches": capacity["improvement_coaches"],
            "Headcount": capacity["headcount"],
            "Trained, % of headcount": capacity["trained_any_pct"].round(1),
            "Coaches per 1,000 staff": capacity["coaches_per_1000"].round(2),
        }
    )
