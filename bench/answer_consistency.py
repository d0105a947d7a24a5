"""How many of the board's answers break a consistency rule, over every organisation.

A board member who catches one answer contradicting the figures beside it stops trusting
the rest, so these rules are checked against the numbers, independently of how the answer
was worded (:mod:`impact.board.answers`):

* the answer starts with Yes, No, Not yet, Partly or Too early to say (it answers the
  question asked);
* never "Yes" to a standard question when the latest point misses the target;
* never "consistently failing" (in the answer or the assurance label beside it) when the
  last three points of the current period all meet the target, nor "consistently passing"
  when they all miss;
* never "will not be met" when the latest point meets the target;
* no "must", "should" or "action required"; no SPC words in the first sentence; no
  "process limit of 0";
* a first sentence of at most 15 words and an answer of at most 60.

Run ``python -m bench.answer_consistency [data folder]`` (default: the demo) to print the
count; the tests hold the same rules to zero.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

import pandas as pd

from impact import PROJECT_ROOT
from impact.board import MetricAnswer, OrgBoard, build_board
from impact.calendar import month_starts
from impact.filters import default_period
from impact.store import open_store

OPENINGS = ("Yes:", "No:", "Not yet:", "Partly:", "Too early to say:")
JARGON = ("common cause", "special cause", "process limit", "spc", "sigma")
INSTRUCTIONS = re.compile(r"\b(must|should|action required)\b", re.IGNORECASE)
FIRST_WORDS, ALL_WORDS = 15, 60


def grammar_text(answer: MetricAnswer) -> str:
    """The answer without the trailing note on why the catalogue's chart was not used."""
    text = answer.answer
    notes = answer.points["chart_note"].dropna().unique() if "chart_note" in answer.points else []
    for note in notes:
        if str(note):
            text = text.removesuffix(" " + str(note))
    return text


def first_sentence(text: str) -> str:
    """Up to the first full stop that ends a sentence (not a decimal point)."""
    match = re.search(r"\.(\s|$)", text)
    return text[: match.start() + 1] if match else text


def words(text: str) -> int:
    return len(text.split())


def current_values(answer: MetricAnswer) -> pd.Series:
    """The recorded values of the current period (the latest rebase group), oldest first."""
    points = answer.points.sort_values("period_start")
    points = points[points["value"].notna()]
    if "rebase_group" in points and points["rebase_group"].notna().any():
        group = points["rebase_group"].ffill().iloc[-1]
        points = points[points["rebase_group"].ffill() == group]
    return points["value"].astype(float).reset_index(drop=True)


def kind_of(answer: MetricAnswer) -> str:
    """The answer's question kind (older answers without one: standard when a target is set)."""
    declared = getattr(answer, "question_kind", None)
    if declared in ("standard", "change"):
        return str(declared)
    return "standard" if answer.target is not None else "change"


def rule_breaks(answer: MetricAnswer) -> list[str]:
    """Every consistency rule this answer breaks, in words (empty when it keeps them all)."""
    text = grammar_text(answer)
    lower = text.lower()
    first = first_sentence(text)
    label = answer.assurance_label.lower()
    breaks: list[str] = []
    if not text.startswith(OPENINGS):
        breaks.append("does not start with Yes, No, Not yet, Partly or Too early to say")
    if words(first) > FIRST_WORDS:
        breaks.append(f"first sentence of {words(first)} words")
    if words(text) > ALL_WORDS:
        breaks.append(f"answer of {words(text)} words")
    if INSTRUCTIONS.search(text):
        breaks.append("instructs (must, should, action required)")
    if any(j in first.lower() for j in JARGON):
        breaks.append("SPC words in the first sentence")
    if re.search(r"limits? (of|\()0\b", lower) or "target (0)" in lower:
        breaks.append("a process limit of 0")
    target, direction = answer.target, answer.metric.direction
    if target is None or direction == "neutral":
        return breaks
    values = current_values(answer)
    met = [v >= target if direction == "increase" else v <= target for v in values]
    if kind_of(answer) == "standard" and not met[-1] and text.startswith("Yes"):
        breaks.append("Yes to a standard question when the latest point misses")
    if (
        len(met) >= 3
        and all(met[-3:])
        and ("consistently failing" in lower or "consistently failing" in label)
    ):
        breaks.append("consistently failing when the last three points meet the target")
    if (
        len(met) >= 3
        and not any(met[-3:])
        and ("consistently passing" in lower or "consistently passing" in label)
    ):
        breaks.append("consistently passing when the last three points miss the target")
    if met[-1] and "will not be met" in lower:
        breaks.append("will not be met when the latest point meets the target")
    return breaks


def boards(data_dir: str) -> Iterator[OrgBoard]:
    """Every organisation's board over its own default period (as the overview opens it)."""
    store = open_store(data_dir)
    for code in store.query("board_org_tree")["org_code"]:
        months = month_starts(store.query("board_org_months", org_code=str(code))["month"])
        if months:
            period_from, period_to = default_period(months)
            yield build_board(store.query, str(code), period_from, period_to)


def main(argv: list[str]) -> int:
    data_dir = argv[0] if argv else str(PROJECT_ROOT / "data" / "demo")
    total = broken = targeted = targeted_broken = 0
    for board in boards(data_dir):
        for answer in board.answers:
            found = rule_breaks(answer)
            total += 1
            broken += bool(found)
            if answer.target is not None:
                targeted += 1
                targeted_broken += bool(found)
            if found:
                print(f"{board.org_code} {answer.metric.metric_id}: {'; '.join(found)}")
    print(f"answers breaking a consistency rule: {broken} of {total}")
    print(f"of those with a target: {targeted_broken} of {targeted}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
