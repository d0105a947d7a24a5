"""*Is our effort aimed at our biggest gaps?* Each metric's assurance beside its projects.

The gaps come first (failing with no active work), then hit-and-miss metrics with no
work, then effort on metrics already passing, then work whose outcome is not measured.
Questions, never instructions.
"""

from __future__ import annotations

import pandas as pd

from impact.improvement.priority import priority_words
from impact.spc import ASSURANCE_WORDS, NO_TARGET

#: How the SPC summary's assurance types read to a board (the words are
#: :data:`impact.spc.ASSURANCE_WORDS`); ranked worst first.
ASSURANCE_LABELS: dict[str, str] = ASSURANCE_WORDS
ASSURANCE_ORDER = (
    ASSURANCE_WORDS["consistent_fail"],
    ASSURANCE_WORDS["inconsistent"],
    ASSURANCE_WORDS["consistent_pass"],
    NO_TARGET.word,
    "no data",
)


def assurance_label(assurance_type: object) -> str:
    """The SPC summary's assurance type in a board's words (no target when there is none)."""
    if assurance_type is None or (not isinstance(assurance_type, str) and pd.isna(assurance_type)):
        return NO_TARGET.word
    return ASSURANCE_WORDS.get(str(assurance_type), NO_TARGET.word)


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


#: The questions about metrics with no active project, gaps first: (assurance, the question
#: for one such metric, the question for several, which names them all).
UNCOVERED_QUESTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "failing",
        "{name} is consistently failing its target and no active improvement project is aimed "
        "at it: which improvement work would address it, and who would lead it?",
        "{count} measures are consistently failing their targets with no active improvement "
        "project aimed at them ({names}): which of these gaps matter most, and what "
        "improvement work would address them?",
    ),
    (
        "hit-and-miss",
        "{name} meets its target only some of the time and has no active improvement project: "
        "is the board content to rely on it without one?",
        "{count} measures meet their targets only some of the time and have no active "
        "improvement project ({names}): is the board content to rely on them without one?",
    ),
)


def alignment_questions(table: pd.DataFrame, limit: int = 6) -> list[str]:
    """Questions the board may wish to ask about where improvement effort is aimed.

    Gaps first (failing with no active work), then hit-and-miss metrics with no work, then
    effort on metrics already passing, then work whose outcome is not measured in scope.
    Several metrics in the same position make one question, so the list stays readable.
    """
    questions: list[str] = []
    for assurance, one, several in UNCOVERED_QUESTIONS:
        uncovered = table[(table["assurance"] == assurance) & (table["active_projects"] == 0)]
        names = uncovered["metric_name"].tolist()
        if len(names) == 1:
            questions.append(one.format(name=names[0]))
        elif names:
            questions.append(several.format(count=len(names), names=_names(names)))
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


def alignment_display(alignment: pd.DataFrame) -> pd.DataFrame:
    """:func:`alignment_table` in the words and order of columns a board reads."""
    return pd.DataFrame(
        {
            "Priority": priority_words(alignment["priority"]),
            "Measure": alignment["metric_name"],
            "Assurance": alignment["assurance"].str.capitalize(),
            "Active projects": alignment["active_projects"],
            "Other projects": alignment["other_projects"],
            "What this suggests": alignment["alignment"],
        }
    )
