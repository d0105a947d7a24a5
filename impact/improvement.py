"""Improvement activity: the portfolio, its PDSA learning, and whether the outcomes are moving.

NHS IMPACT asks a board to connect improvement effort with the outcomes it aims to move.
This module answers three board questions from the ``projects``, ``pdsa_cycles`` and
``observations`` extracts, without Streamlit so every rule is testable:

* *What improvement work is under way?* — :func:`portfolio_counts`, :func:`pdsa_summary`,
  :func:`portfolio_table`.
* *Is it working?* — :func:`is_it_working` compares the linked metric after the project began
  with the process before it, using the Making Data Count rules of :mod:`impact.spc`. It
  reports what the data shows and asks a question; it never claims the project caused it,
  because an SPC signal only says the process changed, not why.
* *Is our effort aimed at our biggest gaps?* — :func:`alignment_table` and
  :func:`alignment_questions` set each metric's assurance beside the active projects aimed at it.

Generated text is framed as questions, never instructions (no "must", "should" or
"action required"), in the same style as the board overview.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from impact.contracts import ORG_TYPES
from impact.filters import PRIORITY_TITLES, OrgTree
from impact.units import format_value

if TYPE_CHECKING:
    from impact.board import OrgBoard

#: Fewest points on each side of a project's start for a fair before/after comparison.
#: Twelve is the Making Data Count minimum for a baseline (limits from fewer are "short").
MIN_POINTS_EACH_SIDE = 12

PDSA_DECISION_ORDER = ("adopt", "adapt", "abandon")

#: How the SPC summary's assurance types read to a board, worst first.
ASSURANCE_LABELS: dict[str, str] = {
    "consistent_fail": "failing",
    "inconsistent": "hit-and-miss",
    "consistent_pass": "passing",
}
ASSURANCE_ORDER = ("failing", "hit-and-miss", "passing", "no target", "no data")

#: A project's priority as a board reads it: the board priorities, plus work on improvement
#: capability itself.
PRIORITY_WORDS: dict[str, str] = {**PRIORITY_TITLES, "improvement": "Improvement capability"}

#: The statuses of :class:`EffectAnswer`, each with the headline a board reads.
EFFECT_HEADLINES: dict[str, str] = {
    "improvement": "Special cause improvement since the project began",
    "no_signal": "No signal yet",
    "deterioration": "Special cause deterioration since the project began",
    "shift": "A change since the project began (this measure has no better direction)",
    "too_few_points": "Too early to tell from this measure",
    "no_data": "No data for the linked measure",
    "no_metric": "No outcome measure linked",
}

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

_PERIOD_WORDS = {
    "week": ("week", "weeks"),
    "month": ("month", "months"),
    "quarter": ("quarter", "quarters"),
}


def month_label(day: date | pd.Timestamp) -> str:
    """``Sep 2024``: how board papers name a month."""
    ts = pd.Timestamp(day)
    return f"{_MONTHS[ts.month - 1]} {ts.year}"


def day_label(value: object) -> str:
    """``05 Mar 2024``, or blank for a missing date (a project not yet started)."""
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%d %b %Y")


def _priority_words(priority: pd.Series) -> pd.Series:
    """Priorities in words; an unknown key is shown as it is rather than dropped."""
    return priority.map(PRIORITY_WORDS).fillna(priority)


def _periods(n: int, frequency: str | None) -> str:
    singular, plural = _PERIOD_WORDS.get(frequency or "month", ("period", "periods"))
    return f"{n} {singular if n == 1 else plural}"


# --- Portfolio ------------------------------------------------------------------------------


def portfolio_counts(projects: pd.DataFrame, by: str) -> pd.DataFrame:
    """Number of projects per value of ``by`` (``priority``, ``status`` or ``method``).

    A blank method is shown as "Not stated" rather than dropped, so the counts always add up
    to the portfolio and a board can see how much work has no named method.
    """
    if projects.empty:
        return pd.DataFrame({by: pd.Series(dtype="str"), "projects": pd.Series(dtype="int64")})
    values = projects[by].astype("object").where(projects[by].notna(), "Not stated")
    counts = values.value_counts().rename_axis(by).reset_index(name="projects")
    return counts.sort_values(["projects", by], ascending=[False, True], ignore_index=True)


def pdsa_summary(pdsa: pd.DataFrame) -> pd.DataFrame:
    """One row per project: how many PDSA cycles, the latest one, and the decisions taken.

    Columns: ``project_id, cycles, latest_cycle, latest_start, latest_change, latest_decision,
    latest_learning, adopt, adapt, abandon``. The latest cycle is the highest cycle number, as
    teams number cycles in the order they run them.
    """
    columns = [
        "project_id",
        "cycles",
        "latest_cycle",
        "latest_start",
        "latest_change",
        "latest_decision",
        "latest_learning",
        *PDSA_DECISION_ORDER,
    ]
    if pdsa.empty:
        return pd.DataFrame(columns=columns)
    ordered = pdsa.sort_values(["project_id", "cycle_number"])
    latest = ordered.groupby("project_id", sort=True).tail(1).set_index("project_id")
    counts = (
        ordered.groupby("project_id")["decision"]
        .value_counts()
        .unstack(fill_value=0)
        .reindex(columns=list(PDSA_DECISION_ORDER), fill_value=0)
    )
    out = pd.DataFrame(
        {
            "cycles": ordered.groupby("project_id").size(),
            "latest_cycle": latest["cycle_number"],
            "latest_start": latest["start_date"],
            "latest_change": latest["change_tested"],
            "latest_decision": latest["decision"],
            "latest_learning": latest["learning"],
        }
    ).join(counts)
    out[list(PDSA_DECISION_ORDER)] = out[list(PDSA_DECISION_ORDER)].fillna(0).astype("int64")
    return out.rename_axis("project_id").reset_index()[columns]


def duration_months(
    start: date | pd.Timestamp, end: date | pd.Timestamp | None, as_of: date
) -> int:
    """Whole months a project has run: to its end date, or to ``as_of`` while it is open."""
    begin = pd.Timestamp(start)
    finish = pd.Timestamp(end) if end is not None and not pd.isna(end) else pd.Timestamp(as_of)
    months = (finish.year - begin.year) * 12 + (finish.month - begin.month)
    if finish.day < begin.day:
        months -= 1
    return max(months, 0)


def portfolio_table(projects: pd.DataFrame, pdsa: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The project list a board reads: each project with its duration and PDSA learning.

    Projects without PDSA cycles keep their row with zero cycles, because "no cycles yet" is
    itself something a board may ask about.
    """
    summary = pdsa_summary(pdsa)
    table = projects.merge(summary, on="project_id", how="left")
    for col in ("cycles", *PDSA_DECISION_ORDER):
        table[col] = table[col].fillna(0).astype("int64")
    table["months_running"] = [
        duration_months(s, e, as_of)
        for s, e in zip(table["start_date"], table["end_date"], strict=True)
    ]
    status_rank = {"active": 0, "planned": 1, "complete": 2, "stopped": 3}
    table["_rank"] = table["status"].map(status_rank).fillna(9)
    return table.sort_values(["_rank", "priority", "start_date", "project_id"]).drop(
        columns="_rank"
    )


@dataclass(frozen=True)
class PortfolioTotals:
    """The three headline counts above the portfolio."""

    projects: int
    active: int
    cycles: int


def portfolio_totals(portfolio: pd.DataFrame) -> PortfolioTotals:
    """Projects in the period, how many are active now, and the PDSA cycles they have run."""
    return PortfolioTotals(
        projects=len(portfolio),
        active=int((portfolio["status"] == "active").sum()),
        cycles=int(portfolio["cycles"].sum()),
    )


#: The portfolio breakdowns, each as (field counted, heading shown).
BREAKDOWNS: tuple[tuple[str, str], ...] = (
    ("priority", "By priority"),
    ("status", "By status"),
    ("method", "By method"),
)


def portfolio_breakdowns(portfolio: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per heading of :data:`BREAKDOWNS`: project counts by that field, in words."""
    named = portfolio.assign(
        priority=_priority_words(portfolio["priority"]),
        status=portfolio["status"].str.capitalize(),
    )
    return {
        label: portfolio_counts(named, field).rename(columns={field: label, "projects": "Projects"})
        for field, label in BREAKDOWNS
    }


def project_list(portfolio: pd.DataFrame) -> pd.DataFrame:
    """The project list as a board reads (and downloads) it: one row per project, in words.

    Blank fields say so ("Not stated", "No outcome measure linked") rather than stay empty,
    because a gap in the record is itself something a board may ask about.
    """
    return pd.DataFrame(
        {
            "Project": portfolio["title"],
            "Organisation": portfolio["org_name"].fillna(portfolio["org_code"]),
            "Priority": _priority_words(portfolio["priority"]),
            "Aimed at": portfolio["metric_name"].fillna("No outcome measure linked"),
            "Status": portfolio["status"].str.capitalize(),
            "Method": portfolio["method"].fillna("Not stated"),
            "Lead": portfolio["lead"].fillna("Not stated"),
            "Started": portfolio["start_date"].map(day_label),
            "Months running": portfolio["months_running"],
            "PDSA cycles": portfolio["cycles"],
            "Adopt": portfolio["adopt"],
            "Adapt": portfolio["adapt"],
            "Abandon": portfolio["abandon"],
            "Latest change tested": portfolio["latest_change"].fillna("—"),
            "Latest decision": portfolio["latest_decision"].fillna("—"),
            "Latest learning": portfolio["latest_learning"].fillna("—"),
        }
    )


# --- Is it working? -------------------------------------------------------------------------


@dataclass(frozen=True)
class EffectAnswer:
    """The answer to "Is it working?" for one project, in words and in numbers.

    ``status`` is a key of :data:`EFFECT_HEADLINES`. ``first_after`` is the first period
    wholly after the project began (where the chart's limits are re-based). ``chart`` is the
    SPC frame to draw (re-based at ``first_after`` when ``rebased``), or ``None`` without data.
    """

    status: str
    headline: str
    sentence: str
    question: str
    points_before: int = 0
    points_after: int = 0
    first_after: pd.Timestamp | None = None
    rebased: bool = False
    mean_before: float | None = None
    mean_after: float | None = None
    chart: pd.DataFrame | None = field(default=None, compare=False, repr=False)


def first_period_after(
    periods: Iterable[pd.Timestamp], start: date | pd.Timestamp
) -> pd.Timestamp | None:
    """The first period starting on or after ``start``.

    A period that began before the project started is counted as *before*: it was mostly
    measured under the old way of working, so counting it as after would blur the comparison.
    """
    later = sorted(p for p in (pd.Timestamp(x) for x in periods) if p >= pd.Timestamp(start))
    return later[0] if later else None


def classify_after(
    signal: pd.DataFrame, first_after: pd.Timestamp, date_col: str
) -> tuple[str, pd.Series | None]:
    """What the points after the start show against the limits of the points before it.

    ``signal`` is an SPC frame whose limits come from the before-period only (baseline fixed
    at the start). The status follows the most recent special-cause point after the start, so
    an early improvement that has since reversed reads as deterioration, not as success.
    Returns the status and that latest flagged row (``None`` when there is no signal).
    """
    after = signal[pd.to_datetime(signal[date_col]) >= first_after]
    flagged = after[after["point_type"] != "common_cause"].dropna(subset=["point_type"])
    if flagged.empty:
        return "no_signal", None
    latest = flagged.sort_values(date_col).iloc[-1]
    status = {
        "special_cause_improvement": "improvement",
        "special_cause_concern": "deterioration",
    }.get(str(latest["point_type"]), "shift")
    return status, latest


SpcFunction = Callable[..., pd.DataFrame]


def default_spc() -> SpcFunction:
    """The SPC engine without its short-group warning: the answer says so in words instead."""
    from impact.spc import ShortGroupWarning, spc

    def quiet_spc(data: pd.DataFrame, **kwargs: object) -> pd.DataFrame:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ShortGroupWarning)
            return spc(data, **kwargs)

    return quiet_spc


def is_it_working(
    series: pd.DataFrame,
    *,
    start_date: date | pd.Timestamp,
    improvement_direction: str,
    unit: str | None = None,
    frequency: str | None = "month",
    metric_name: str = "the measure",
    spc_function: SpcFunction | None = None,
) -> EffectAnswer:
    """Does the linked metric show a change since the project began?

    ``series`` holds one organisation's ``period_start`` and ``value`` for the metric. With at
    least :data:`MIN_POINTS_EACH_SIDE` points on each side of the start, the points after it
    are judged against limits computed from the points before it only (the SPC baseline fixed
    at the start), so a sustained shift shows as special cause; the chart is re-based at the
    start so the board sees the old and the new process side by side. With fewer points the
    chart is drawn without a re-base and the answer says it is too early to tell.
    """
    spc = spc_function or default_spc()
    started = month_label(start_date)
    data = series.dropna(subset=["value"]).sort_values("period_start").reset_index(drop=True)
    if data.empty:
        return EffectAnswer(
            status="no_data",
            headline=EFFECT_HEADLINES["no_data"],
            sentence=f"There are no observations of {metric_name} for this organisation.",
            question=f"Where is {metric_name} measured for this organisation, and who sees it?",
        )
    data["period_start"] = pd.to_datetime(data["period_start"])
    first_after = first_period_after(data["period_start"], start_date)
    n_after = int((data["period_start"] >= first_after).sum()) if first_after is not None else 0
    n_before = len(data) - n_after
    common = {
        "value_col": "value",
        "date_col": "period_start",
        "improvement_direction": improvement_direction,
    }
    if n_before < MIN_POINTS_EACH_SIDE or n_after < MIN_POINTS_EACH_SIDE:
        chart = spc(data, **common)
        sentence = (
            f"There are {_periods(n_before, frequency)} of {metric_name} before the project "
            f"began ({started}) and {_periods(n_after, frequency)} since; at least "
            f"{MIN_POINTS_EACH_SIDE} on each side are needed to compare the two, so it is too "
            "early to tell from this measure."
        )
        question = (
            "When will there be enough data to judge, and which earlier measures does the "
            "project team watch in the meantime?"
        )
        return EffectAnswer(
            status="too_few_points",
            headline=EFFECT_HEADLINES["too_few_points"],
            sentence=sentence,
            question=question,
            points_before=n_before,
            points_after=n_after,
            first_after=first_after,
            chart=chart,
        )

    signal = spc(data, fix_after_n_points=n_before, **common)
    chart = spc(data, rebase=[first_after], **common)
    before_mean = float(data["value"].iloc[:n_before].mean())
    after_mean = float(data["value"].iloc[n_before:].mean())
    status, latest = classify_after(signal, first_after, "period_start")
    after_label = month_label(first_after)
    means = (
        f"The average since {after_label} is {format_value(after_mean, unit)}, against "
        f"{format_value(before_mean, unit)} in the {_periods(n_before, frequency)} before."
    )
    if latest is None:
        sentence = (
            f"Since the project began ({started}), the {_periods(n_after, frequency)} of "
            f"{metric_name} lie within the range of the {_periods(n_before, frequency)} "
            f"before it: no signal of change yet. {means}"
        )
        question = (
            "What do the project's PDSA cycles show so far, and when would the team expect "
            f"{metric_name} to move?"
        )
    else:
        flagged = signal[
            (signal["period_start"] >= first_after) & (signal["point_type"] == latest["point_type"])
        ]
        kind = {
            "improvement": "special cause improvement",
            "deterioration": "special cause concern",
        }.get(status, "a change beyond the usual range")
        sentence = (
            f"Since the project began ({started}), {len(flagged)} of the "
            f"{_periods(n_after, frequency)} of {metric_name} show {kind} against the range of "
            f"the {_periods(n_before, frequency)} before it, most recently "
            f"{month_label(latest['period_start'])} ({latest['special_cause_type']}). {means}"
        )
        question = {
            "improvement": (
                f"What else changed around {started} besides this project, and how will the "
                "gain be held once the project closes?"
            ),
            "deterioration": (
                f"What changed since {started} that could explain the worsening, and what does "
                "the project team see in its own measures?"
            ),
        }.get(
            status,
            f"What changed since {started}, and is this the change the project intended?",
        )
    return EffectAnswer(
        status=status,
        headline=EFFECT_HEADLINES[status],
        sentence=sentence,
        question=question,
        points_before=n_before,
        points_after=n_after,
        first_after=first_after,
        rebased=True,
        mean_before=before_mean,
        mean_after=after_mean,
        chart=chart,
    )


def no_metric_answer() -> EffectAnswer:
    """The answer for a project that names no outcome metric."""
    return EffectAnswer(
        status="no_metric",
        headline=EFFECT_HEADLINES["no_metric"],
        sentence="This project names no outcome metric, so its effect cannot be shown here.",
        question="Which outcome measure would show whether this project is working?",
    )


# --- Is our effort aimed at our biggest gaps? -----------------------------------------------


def assurance_label(assurance_type: object) -> str:
    """The SPC summary's assurance type in a board's words (no target when there is none)."""
    if assurance_type is None or (not isinstance(assurance_type, str) and pd.isna(assurance_type)):
        return "no target"
    return ASSURANCE_LABELS.get(str(assurance_type), "no target")


def alignment_table(
    metrics: pd.DataFrame, assurance: pd.DataFrame, projects: pd.DataFrame
) -> pd.DataFrame:
    """Per metric: its assurance against the number of active projects aimed at it.

    ``metrics`` is the catalogue (``metric_id, metric_name, priority``); ``assurance`` holds
    ``metric_id, assurance_type`` (SPC summary terms) for the metrics with data in scope;
    ``projects`` are the projects in scope (``metric_id, status``). A metric appears when it
    has data or has any project aimed at it; a metric with projects but no data reads
    "no data". Rows are ordered so the gaps come first: failing metrics with no active work.
    """
    linked = projects.dropna(subset=["metric_id"])
    active = linked[linked["status"] == "active"].groupby("metric_id").size()
    any_project = linked.groupby("metric_id").size()
    keep = set(assurance["metric_id"]) | set(any_project.index)
    table = metrics[metrics["metric_id"].isin(keep)][["priority", "metric_id", "metric_name"]]
    by_metric = assurance.drop_duplicates("metric_id").set_index("metric_id")["assurance_type"]
    table = table.assign(
        assurance=[
            assurance_label(by_metric.get(m)) if m in by_metric.index else "no data"
            for m in table["metric_id"]
        ],
        active_projects=[int(active.get(m, 0)) for m in table["metric_id"]],
        other_projects=[int(any_project.get(m, 0) - active.get(m, 0)) for m in table["metric_id"]],
    )
    table["alignment"] = [
        _alignment_words(a, n)
        for a, n in zip(table["assurance"], table["active_projects"], strict=True)
    ]
    rank = {label: i for i, label in enumerate(ASSURANCE_ORDER)}
    table["_rank"] = table["assurance"].map(rank)
    # Within failing and hit-and-miss, the least-covered metric comes first; within passing,
    # the most-covered first (the effort a board may wish to question).
    gap_side = table["assurance"].isin(["failing", "hit-and-miss"])
    table["_effort"] = table["active_projects"].where(gap_side, -table["active_projects"])
    return (
        table.sort_values(["_rank", "_effort", "priority", "metric_name"])
        .drop(columns=["_rank", "_effort"])
        .reset_index(drop=True)
    )


def _alignment_words(assurance: str, active: int) -> str:
    if assurance == "failing":
        return "Gap: failing, no active project" if active == 0 else "Failing, work under way"
    if assurance == "hit-and-miss":
        return "Hit-and-miss, no active project" if active == 0 else "Hit-and-miss, work under way"
    if assurance == "passing":
        return "Passing, no active project" if active == 0 else "Effort on a passing metric"
    if assurance == "no data":
        return "Work under way, no data to judge it" if active else "No data"
    return "No target set" if active == 0 else "No target, work under way"


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def alignment_questions(table: pd.DataFrame, limit: int = 6) -> list[str]:
    """Questions the board may wish to ask about where improvement effort is aimed.

    Gaps first (failing with no active work), then hit-and-miss metrics with no work, then
    effort on metrics already passing, then work whose outcome is not measured in scope.
    Several metrics in the same position make one question, so the list stays readable.
    """
    questions: list[str] = []
    failing = table[(table["assurance"] == "failing") & (table["active_projects"] == 0)]
    names = failing["metric_name"].tolist()
    if len(names) == 1:
        questions.append(
            f"{names[0]} is consistently failing its target and no active improvement project "
            "is aimed at it: which improvement work would address it, and who would lead it?"
        )
    elif names:
        questions.append(
            f"{len(names)} measures are consistently failing their targets with no active "
            f"improvement project aimed at them ({_names(names)}): which of these gaps matter "
            "most, and what improvement work would address them?"
        )
    patchy = table[(table["assurance"] == "hit-and-miss") & (table["active_projects"] == 0)]
    names = patchy["metric_name"].tolist()
    if len(names) == 1:
        questions.append(
            f"{names[0]} meets its target only some of the time and has no active improvement "
            "project: is the board content to rely on it without one?"
        )
    elif names:
        questions.append(
            f"{len(names)} measures meet their targets only some of the time and have no active "
            f"improvement project ({_names(names)}): is the board content to rely on them "
            "without one?"
        )
    for row in table.itertuples():
        if row.assurance == "passing" and row.active_projects > 0:
            plural = "project is" if row.active_projects == 1 else "projects are"
            questions.append(
                f"{row.metric_name} is consistently passing its target while "
                f"{row.active_projects} active {plural} aimed at it: is that effort still best "
                "placed there, or could some of it move to a failing measure?"
            )
    for row in table.itertuples():
        if row.assurance == "no data" and row.active_projects > 0:
            questions.append(
                f"Active improvement work is aimed at {row.metric_name}, but there is no data "
                "for it here: how will the board know whether it is working?"
            )
    return questions[:limit]


def effect_counts(answers: Iterable[EffectAnswer]) -> dict[str, int]:
    """How many projects fall under each "Is it working?" status, for a one-line summary."""
    counts = dict.fromkeys(EFFECT_HEADLINES, 0)
    for answer in answers:
        counts[answer.status] += 1
    return counts


def project_answers(
    projects: pd.DataFrame,
    observations: pd.DataFrame,
    spc_function: SpcFunction | None = None,
) -> dict[str, EffectAnswer]:
    """ "Is it working?" for every project, keyed by ``project_id``.

    ``projects`` carries each project's ``metric_id``, ``org_code``, ``start_date`` and the
    metric's ``metric_name, unit, improvement_direction, frequency`` (the
    ``improvement_projects`` query); ``observations`` the series of those metrics for those
    organisations. A project without a metric, or whose metric is not in the catalogue, is
    answered in words rather than skipped.
    """
    answers: dict[str, EffectAnswer] = {}
    grouped = {key: part for key, part in observations.groupby(["org_code", "metric_id"])}
    for row in projects.itertuples(index=False):
        if not isinstance(row.metric_id, str) or not row.metric_id:
            answers[row.project_id] = no_metric_answer()
            continue
        series = grouped.get((row.org_code, row.metric_id))
        if series is None:
            series = pd.DataFrame({"period_start": pd.to_datetime([]), "value": []})
        name = row.metric_name if isinstance(row.metric_name, str) else row.metric_id
        direction = row.improvement_direction
        answers[row.project_id] = is_it_working(
            series[["period_start", "value"]],
            start_date=row.start_date,
            improvement_direction=direction if isinstance(direction, str) else "neutral",
            unit=row.unit if isinstance(row.unit, str) else "",
            frequency=row.frequency if isinstance(row.frequency, str) else "month",
            metric_name=name,
            spc_function=spc_function,
        )
    return answers


def start_marker(answer: EffectAnswer, start_date: date | pd.Timestamp) -> pd.DataFrame:
    """The project start as an ``events`` row, so the shared SPC chart marks it.

    When the limits are re-based the marker sits on the first period after the start (where
    the chart's new limits begin, labelled "Limits recalculated: project began …");
    otherwise it is a plain annotation on the start date itself.
    """
    when = answer.first_after if answer.rebased else pd.Timestamp(start_date)
    return pd.DataFrame(
        {
            "event_date": [when],
            "description": [f"project began {month_label(start_date)}"],
            "rebase": [answer.rebased],
        }
    )


def working_summary(portfolio: pd.DataFrame, answers: dict[str, EffectAnswer]) -> pd.DataFrame:
    """One row per project: what it is aimed at and the headline of "Is it working?"."""
    return pd.DataFrame(
        {
            "Project": portfolio["title"],
            "Organisation": portfolio["org_name"].fillna(portfolio["org_code"]),
            "Aimed at": portfolio["metric_name"].fillna("No outcome measure linked"),
            "What the data shows": [answers[p].headline for p in portfolio["project_id"]],
        }
    )


def alignment_display(alignment: pd.DataFrame) -> pd.DataFrame:
    """:func:`alignment_table` in the words and order of columns a board reads."""
    return pd.DataFrame(
        {
            "Priority": _priority_words(alignment["priority"]),
            "Measure": alignment["metric_name"],
            "Assurance": alignment["assurance"].str.capitalize(),
            "Active projects": alignment["active_projects"],
            "Other projects": alignment["other_projects"],
            "What this suggests": alignment["alignment"],
        }
    )


# --- the page's content, from the store --------------------------------------------------


QueryFn = Callable[..., pd.DataFrame]


def scope_codes(tree: OrgTree, org_code: str) -> list[str]:
    """The chosen organisation and every organisation below it (an ICB and its trusts).

    Improvement work is done by trusts and practices, so a board looking at its ICB or
    region sees the portfolio of everything beneath it.
    """
    codes = [org_code]
    for org_type in ORG_TYPES:
        codes += [o.code for o in tree.descendants(org_code, org_type)]
    return list(dict.fromkeys(codes))


def assurance_from_board(board: OrgBoard) -> pd.DataFrame:
    """``metric_id, assurance_type`` for every metric the board view answered."""
    return pd.DataFrame(
        {
            "metric_id": [a.metric.metric_id for a in board.answers],
            "assurance_type": [a.assurance for a in board.answers],
        },
        columns=["metric_id", "assurance_type"],
    )


@dataclass
class ImprovementView:
    """Everything the Improvement activity page draws for one scope and period."""

    org_codes: list[str]
    projects: pd.DataFrame
    portfolio: pd.DataFrame
    answers: dict[str, EffectAnswer]
    observations: pd.DataFrame
    alignment: pd.DataFrame
    questions: list[str]


def build_improvement(
    query: QueryFn,
    org_codes: list[str],
    period_from: date,
    period_to: date,
    assurance: pd.DataFrame,
    as_of: date,
) -> ImprovementView:
    """The improvement portfolio, "Is it working?" and the alignment for the organisations.

    ``period_to`` is the last day of the period; projects running at any time within the
    period are shown. Each linked metric is judged on its whole history up to ``period_to``
    (not only from ``period_from``), because the baseline before a project began is what it
    is judged against, and a short viewing window would otherwise hide it.
    """
    projects = query(
        "improvement_projects", org_codes=org_codes, period_from=period_from, period_to=period_to
    )
    for col in ("start_date", "end_date"):
        projects[col] = pd.to_datetime(projects[col])
    pdsa = query("improvement_pdsa", org_codes=org_codes)
    pdsa = pdsa[pdsa["project_id"].isin(projects["project_id"])]
    metric_ids = sorted(projects["metric_id"].dropna().unique().tolist())
    observations = query(
        "improvement_observations",
        org_codes=org_codes,
        metric_ids=metric_ids,
        period_to=period_to,
    )
    observations["period_start"] = pd.to_datetime(observations["period_start"])
    answers = project_answers(projects, observations)
    alignment = alignment_table(query("board_metrics"), assurance, projects)
    return ImprovementView(
        org_codes=org_codes,
        projects=projects,
        portfolio=portfolio_table(projects, pdsa, as_of),
        answers=answers,
        observations=observations,
        alignment=alignment,
        questions=alignment_questions(alignment),
    )
