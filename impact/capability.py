"""NHS IMPACT capability: the self-assessment and the improvement capacity behind it.

NHS IMPACT describes five components of an organisation that improves continuously. A board
sees here where it stands on each (the latest self-assessment and its change), how that
compares with its peers, whether the capability it is building (staff trained, coaches)
is growing as a share of its workforce, and the questions these raise. Pure pandas, no
Streamlit, so each rule is tested on small frames.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from impact.contracts import IMPACT_COMPONENTS
from impact.improvement import month_label

#: The five NHS IMPACT components as NHS England words them.
COMPONENT_TITLES: dict[str, str] = {
    "shared_purpose_and_vision": "Building a shared purpose and vision",
    "people_and_culture": "Investing in people and culture",
    "leadership_behaviours": "Developing leadership behaviours",
    "capability_and_capacity": "Building improvement capability and capacity",
    "management_systems_and_processes": (
        "Embedding improvement into management systems and processes"
    ),
}
#: Short names for sentences ("Leadership behaviours scored lowest …").
COMPONENT_SHORT: dict[str, str] = {
    "shared_purpose_and_vision": "Shared purpose and vision",
    "people_and_culture": "People and culture",
    "leadership_behaviours": "Leadership behaviours",
    "capability_and_capacity": "Capability and capacity",
    "management_systems_and_processes": "Management systems and processes",
}

#: The capacity measures, each as a share of headcount, with the words a board reads.
CAPACITY_MEASURES: dict[str, str] = {
    "trained_any_pct": "Staff trained in improvement (any level), % of headcount",
    "trained_foundation_pct": "Staff trained at foundation level, % of headcount",
    "trained_practitioner_pct": "Staff trained at practitioner level, % of headcount",
    "trained_expert_pct": "Staff trained at expert level, % of headcount",
    "coaches_per_1000": "Improvement coaches per 1,000 staff",
}

#: Fewest points for an SPC chart of a capacity measure (the MDC minimum for a baseline).
MIN_SPC_POINTS = 12
#: An assessment older than this many months prompts a question about the next one.
STALE_ASSESSMENT_MONTHS = 12


def _score_text(score: float) -> str:
    return f"{score:g}"


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
        return f"up {_score_text(change)}"
    if change < 0:
        return f"down {_score_text(-change)}"
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


# --- capability and capacity over time ------------------------------------------------------


def capacity_over_time(capability: pd.DataFrame, org_code: str) -> pd.DataFrame:
    """One organisation's improvement capacity per period, as shares of its headcount.

    Shares make organisations of different sizes comparable and keep growth in headcount
    from looking like growth in capability. Columns: ``period_start``, the raw counts, and
    each key of :data:`CAPACITY_MEASURES`.
    """
    own = capability[capability["org_code"] == org_code].sort_values("period_start").copy()
    head = own["headcount"].astype("float64")
    levels = ("foundation", "practitioner", "expert")
    for level in levels:
        own[f"trained_{level}_pct"] = own[f"staff_trained_{level}"] / head * 100
    trained = sum(own[f"staff_trained_{level}"] for level in levels)
    own["trained_any_pct"] = trained / head * 100
    own["coaches_per_1000"] = own["improvement_coaches"] / head * 1000
    return own.reset_index(drop=True)


def capacity_spc(
    capacity: pd.DataFrame,
    measure: str,
    spc_function: Callable[..., pd.DataFrame] | None = None,
) -> pd.DataFrame | None:
    """The SPC frame of one capacity measure (more is better), or ``None`` with too few points.

    Fewer than :data:`MIN_SPC_POINTS` points give limits too unreliable to judge a signal,
    so the page shows the plain trend and says why.
    """
    points = capacity[["period_start", measure]].dropna().rename(columns={measure: "value"})
    if len(points) < MIN_SPC_POINTS:
        return None
    if spc_function is None:
        from impact.improvement import default_spc

        spc_function = default_spc()
    return spc_function(
        points.reset_index(drop=True),
        value_col="value",
        date_col="period_start",
        improvement_direction="increase",
    )


# --- questions for the board ----------------------------------------------------------------


def capability_questions(
    *,
    org_name: str,
    latest: pd.DataFrame,
    history: pd.DataFrame,
    peers: pd.DataFrame,
    capacity_signals: dict[str, pd.DataFrame | None],
    as_of: date,
    limit: int = 6,
) -> list[str]:
    """Questions the board may wish to ask about its improvement capability.

    Drawn from the data only: the component lowest for consecutive assessments, components
    that fell, components well below the peer median, an assessment more than a year old,
    capacity measures whose latest point is special cause concern, or no assessment at all.
    Framed as questions, never instructions.
    """
    if latest["score"].isna().all():
        return [
            f"There is no NHS IMPACT self-assessment for {org_name} in these data: when will "
            "the board see one, and who will lead it?"
        ]
    questions: list[str] = []
    lowest, streak = lowest_streak(history)
    if streak >= 2:
        names = " and ".join(COMPONENT_SHORT[c] for c in lowest)
        runs = {2: "two", 3: "three", 4: "four"}.get(streak, str(streak))
        verb, it = ("scored", "it") if len(lowest) == 1 else ("were joint", "them")
        questions.append(
            f"{names} {verb} lowest for {runs} assessments running: what support would move {it}?"
        )
    newest = pd.Timestamp(latest["assessment_date"].max())
    age = (as_of.year - newest.year) * 12 + (as_of.month - newest.month)
    if age > STALE_ASSESSMENT_MONTHS:
        questions.append(
            f"The latest self-assessment is from {month_label(newest)}, {age} months ago: "
            "when is the next one due?"
        )
    for row in latest.itertuples():
        if not pd.isna(row.change) and row.change < 0:
            questions.append(
                f"{COMPONENT_SHORT[row.component]} fell from {_score_text(row.previous_score)} to "
                f"{_score_text(row.score)} since {month_label(row.previous_date)}: what changed, "
                "and does the evidence explain it?"
            )
    behind = peers[(peers["peer_median"] - peers["score"]) >= 1]
    if not behind.empty:
        gaps = [
            f"{COMPONENT_SHORT[r.component]} ({_score_text(r.score)} against "
            f"{_score_text(r.peer_median)})"
            for r in behind.itertuples()
        ]
        names = gaps[0] if len(gaps) == 1 else ", ".join(gaps[:-1]) + " and " + gaps[-1]
        verb = "scores" if len(gaps) == 1 else "score"
        questions.append(
            f"{names} {verb} a point or more below the peer median: what are peers doing that "
            f"{org_name} could learn from?"
        )
    for measure, frame in capacity_signals.items():
        if frame is None or frame.empty:
            continue
        last = frame.sort_values("period_start").iloc[-1]
        if last["point_type"] == "special_cause_concern":
            questions.append(
                f"{CAPACITY_MEASURES[measure]} is below its usual range in "
                f"{month_label(last['period_start'])}: what is holding back training or "
                "coaching time?"
            )
    return questions[:limit]


# --- the page's tables, in words ----------------------------------------------------------


def score_or_dash(value: float) -> str:
    """A score as written on the page (``3``, ``3.5``), or ``—`` when there is none."""
    return "—" if pd.isna(value) else _score_text(value)


def month_or_dash(value: object) -> str:
    """``Mar 2025``, or ``—`` for a missing date (no previous assessment)."""
    return "—" if value is None or pd.isna(value) else month_label(value)  # type: ignore[arg-type]


def peer_scope_words(scope: str) -> str:
    """Which organisations the peers are, for the page's caption."""
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


# --- the page's content, from the store --------------------------------------------------


@dataclass
class CapabilityView:
    """Everything the NHS IMPACT capability page draws for one organisation and period."""

    org_code: str
    peer_codes: list[str]
    latest: pd.DataFrame
    history: pd.DataFrame
    peers: pd.DataFrame
    peer_scores: pd.DataFrame
    capacity: pd.DataFrame
    capacity_charts: dict[str, pd.DataFrame | None]
    questions: list[str]

    @property
    def assessed(self) -> bool:
        return not self.latest["score"].isna().all()


def build_capability(
    query: Callable[..., pd.DataFrame],
    *,
    org_code: str,
    org_name: str,
    peer_codes: Sequence[str],
    period_from: date,
    period_to: date,
) -> CapabilityView:
    """The self-assessment, peer view, capacity trend and questions as at the period's end.

    Assessments made after ``period_to`` are left out, so looking at an earlier period shows
    what the board knew then; capacity is shown within the period.
    """
    codes = list(dict.fromkeys([org_code, *peer_codes]))
    assessments = query("capability_self_assessment", org_codes=codes, period_to=period_to)
    assessments["assessment_date"] = pd.to_datetime(assessments["assessment_date"])
    capability = query(
        "capability_capacity", org_code=org_code, period_from=period_from, period_to=period_to
    )
    capability["period_start"] = pd.to_datetime(capability["period_start"])
    latest = latest_scores(assessments, org_code)
    history = assessment_history(assessments, org_code)
    peers = peer_comparison(assessments, org_code, codes)
    capacity = capacity_over_time(capability, org_code)
    charts = {m: capacity_spc(capacity, m) for m in CAPACITY_MEASURES}
    peer_latest = (
        assessments.sort_values("assessment_date")
        .groupby(["org_code", "component"], as_index=False)
        .tail(1)
    )
    return CapabilityView(
        org_code=org_code,
        peer_codes=codes,
        latest=latest,
        history=history,
        peers=peers,
        peer_scores=peer_latest.pivot_table(
            index="org_code", columns="component", values="score", aggfunc="last"
        ).reindex(columns=list(IMPACT_COMPONENTS)),
        capacity=capacity,
        capacity_charts=charts,
        questions=capability_questions(
            org_name=org_name,
            latest=latest,
            history=history,
            peers=peers,
            capacity_signals=charts,
            as_of=period_to,
        ),
    )
