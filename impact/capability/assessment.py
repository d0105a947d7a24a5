"""The self-assessment: where the organisation stands on each component, and its peers.

A component never assessed keeps its row with no score, so a gap in the self-assessment is
visible rather than silently dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from impact.capability.components import COMPONENT_TITLES, score_text
from impact.contracts import IMPACT_COMPONENTS


def assessment_history(assessments: pd.DataFrame, org_code: str) -> pd.DataFrame:
    """One organisation's scores: a row per assessment date, a column per component."""
    own = assessments[assessments["org_code"] == org_code]
    if own.empty:
        return pd.DataFrame(columns=["assessment_date", *IMPACT_COMPONENTS])
    wide = own.pivot_table(
        index="assessment_date", columns="component", values="score", aggfunc="last"
    ).reindex(columns=list(IMPACT_COMPONENTS))
    return wide.sort_index().rename_axis(columns=None).reset_index()


def latest_scores(assessments: pd.DataFrame, org_code: str) -> pd.DataFrame:
    """Per component (all five, NHS IMPACT order): the latest score and change since the last.

    Columns: ``component, title, assessment_date, score, previous_date, previous_score,
    change, evidence``. A component never assessed keeps its row with no score, so a gap in
    the self-assessment is visible rather than silently dropped.
    """
    own = assessments[assessments["org_code"] == org_code].sort_values("assessment_date")
    rows = []
    for component in IMPACT_COMPONENTS:
        scored = own[own["component"] == component]
        latest = scored.iloc[-1] if len(scored) else None
        previous = scored.iloc[-2] if len(scored) > 1 else None
        score = float(latest["score"]) if latest is not None else float("nan")
        prev = float(previous["score"]) if previous is not None else float("nan")
        rows.append(
            {
                "component": component,
                "title": COMPONENT_TITLES[component],
                "assessment_date": latest["assessment_date"] if latest is not None else pd.NaT,
                "score": score,
                "previous_date": previous["assessment_date"] if previous is not None else pd.NaT,
                "previous_score": prev,
                "change": score - prev,
                "evidence": latest["evidence"] if latest is not None else None,
            }
        )
    return pd.DataFrame(rows)


def change_words(change: float) -> str:
    """``up 1``, ``down 0.5``, ``no change`` or ``first assessment``."""
    if pd.isna(change):
        return "first assessment"
    if change > 0:
        return f"up {score_text(change)}"
    if change < 0:
        return f"down {score_text(-change)}"
    return "no change"


def peer_comparison(
    assessments: pd.DataFrame, org_code: str, peer_codes: Sequence[str]
) -> pd.DataFrame:
    """Per component: the organisation's latest score beside its peers' latest scores.

    Each peer contributes its own latest assessment of the component. Columns: ``component,
    title, score, peer_median, peer_min, peer_max, peers_assessed, rank, of``; ``rank`` is
    the organisation's place among those assessed (1 = highest score; ties share a place).
    """
    codes = set(peer_codes) | {org_code}
    scoped = assessments[assessments["org_code"].isin(codes)].sort_values("assessment_date")
    latest = scoped.groupby(["org_code", "component"], as_index=False).tail(1)
    rows = []
    for component in IMPACT_COMPONENTS:
        scores = latest[latest["component"] == component].set_index("org_code")["score"]
        own = scores.get(org_code, float("nan"))
        others = scores.drop(org_code, errors="ignore")
        rank = int((scores > own).sum()) + 1 if not pd.isna(own) else None
        rows.append(
            {
                "component": component,
                "title": COMPONENT_TITLES[component],
                "score": float(own),
                "peer_median": float(others.median()) if len(others) else float("nan"),
                "peer_min": float(others.min()) if len(others) else float("nan"),
                "peer_max": float(others.max()) if len(others) else float("nan"),
                "peers_assessed": int(len(others)),
                "rank": rank,
                "of": int(len(scores)),
            }
        )
    return pd.DataFrame(rows)


def _lowest(row: pd.Series) -> set[str]:
    """The component(s) lowest in one assessment; none when most components share the low.

    A component tied with at most one other still counts as lowest; when three or more share
    the lowest score, no single component stands out and none is named.
    """
    scored = row.dropna()
    if scored.empty:
        return set()
    at_min = scored[scored == scored.min()].index
    return set(at_min) if len(at_min) <= 2 else set()


def lowest_streak(history: pd.DataFrame) -> tuple[list[str], int]:
    """The component(s) lowest at the latest assessment and for how many assessments running.

    Returns the components whose run of lowest scores, counted back from the latest
    assessment, is longest, and that run's length (0 when nothing stands out).
    """
    if history.empty:
        return [], 0
    scores = history.set_index("assessment_date")[list(IMPACT_COMPONENTS)]
    lows = [_lowest(row) for _, row in scores.iloc[::-1].iterrows()]
    streaks: dict[str, int] = {}
    for component in lows[0]:
        run = 0
        while run < len(lows) and component in lows[run]:
            run += 1
        streaks[component] = run
    if not streaks:
        return [], 0
    longest = max(streaks.values())
    return [c for c in IMPACT_COMPONENTS if streaks.get(c) == longest], longest
