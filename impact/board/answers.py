"""The answer grammar: how every board question is answered, in three short sentences.

A board member reads the first sentence and knows the answer to the question asked. It
starts with exactly one of :data:`OPENINGS` and gives the evidence in numbers:

* a **standard** question ("Are patients being seen within four hours?") is answered by the
  latest value against the target in force: "Not yet: 77.5% in September 2026 against the
  80% standard.";
* a **change** question ("Is the waiting list getting shorter?") by the direction and since
  when: "Yes: down since January 2026, to 4,086 in September 2026.";
* a zero target (waits over 65 or 78 weeks) by plain counts: "No: 1 patient waited over 78
  weeks in September 2026; the aim is none.".

The second sentence says what the SPC shows (SPC words belong here, never in the first); the
third gives the assurance against the target. Everything is judged on the *current period*:
the points since the limits last restarted, by an automatic recalculation (``limits=auto``)
or a rebase event, and the sentence names it. "Too early to say" is the answer while the
current period has fewer points than limits need.

Consistency, checked by tests over every demo organisation: a standard question is never
answered "Yes" when the latest point misses; "will not be met" is said only when the latest
point misses; and when the last three points of the current period all meet the target the
assurance is never "consistently failing" (nor "consistently passing" when all three miss):
the limits lag what the points show, so the assurance becomes hit and miss
(:func:`~impact.board.answer_rules.assurance_shown`), on the icon as in the words. Limits
are written within the unit's natural range (:func:`impact.spc.natural_range.truncate`).
Nothing here instructs: no "must", no "should".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from impact.board.answer_rules import RECENT, assurance_shown, meets, question_kind
from impact.board.model import Metric
from impact.board.values import as_date
from impact.calendar import period_long
from impact.spc.describe import RULE_WORDS
from impact.spc.limits import MIN_POINTS_FOR_LIMITS
from impact.spc.natural_range import truncate
from impact.units import format_value, unit_suffix

#: The first words an answer may start with, and nothing else.
OPENINGS = ("Yes", "No", "Not yet", "Partly", "Too early to say")

_NOUNS = {
    "month": ("month", "months"),
    "week": ("week", "weeks"),
    "quarter": ("quarter", "quarters"),
}
_SPECIAL = {
    "special_cause_improvement": "improvement",
    "special_cause_concern": "concern",
    "special_cause_neutral_high": "variation, neither better nor worse",
    "special_cause_neutral_low": "variation, neither better nor worse",
}
_WAITS = re.compile(r"^waits? (over|of) (.+?)(?: \(.*\))?$", re.IGNORECASE)


@dataclass(frozen=True)
class Answer:
    """One metric's answer and the facts it was formed from."""

    text: str
    opening: str  #: one of :data:`OPENINGS`
    question_kind: str  #: the kind the answer was formed as (``standard`` or ``change``)
    current_period_start: date | None  #: the first point of the current period
    limits_recalculated: bool  #: whether that period began with an automatic recalculation
    assurance: str | None  #: the assurance shown (see :func:`assurance_shown`)


@dataclass(frozen=True)
class _Facts:
    """The numbers the sentences are made of, for the current period."""

    metric: Metric
    kind: str
    target: float | None
    values: np.ndarray  #: the current period's recorded values, oldest first
    dates: list[date]  #: their periods
    rows: pd.DataFrame  #: the current period's recorded rows
    start: date
    recalculated: bool
    rebased: bool
    previous_mean: float | None  #: the centre line before a recalculation

    @property
    def unit(self) -> str:
        return self.metric.unit

    @property
    def direction(self) -> str:
        return self.metric.direction

    @property
    def latest(self) -> float:
        return float(self.values[-1])

    @property
    def latest_row(self) -> pd.Series:
        return self.rows.iloc[-1]

    @property
    def zero_target(self) -> bool:
        return self.target == 0 and self.direction == "decrease"

    def when(self, day: date) -> str:
        return period_long(day, self.metric.frequency)

    def periods(self, n: int) -> str:
        singular, plural = _NOUNS.get(self.metric.frequency, ("point", "points"))
        return f"{n:,} {singular if n == 1 else plural}"

    def noun(self) -> str:
        return _NOUNS.get(self.metric.frequency, ("point", "points"))[0]

    def number(self, value: float) -> str:
        """A value as the table writes it; small averages of counts keep one decimal."""
        if self.unit == "count" and abs(value) < 10 and not float(value).is_integer():
            return f"{value:.1f}"
        return format_value(value, self.unit)

    def latest_text(self) -> str:
        """The latest value; two decimals where one would look equal to a target it misses."""
        text = format_value(self.latest, self.unit)
        looks_met = self.target is not None and text == format_value(self.target, self.unit)
        if (
            looks_met
            and self.unit != "count"
            and not meets(self.latest, self.target, self.direction)
        ):
            return f"{self.latest:,.2f}{unit_suffix(self.unit)}"
        return text

    def target_text(self) -> str:
        return format_value(self.target, self.unit)

    def the_target(self, word: str = "target") -> str:
        """``the 80% target``, ``the target of 15 minutes``."""
        if self.unit in ("minutes", "days"):
            return f"the {word} of {self.target_text()}"
        return f"the {self.target_text()} {word}"

    def met(self) -> list[bool]:
        assert self.target is not None
        return [meets(float(v), self.target, self.direction) for v in self.values]


def answer_metric(
    metric: Metric, points: pd.DataFrame, *, target: float | None, assurance: str | None
) -> Answer:
    """The answer to ``metric``'s board question from its SPC ``points`` (one facet, sorted).

    ``target`` is the target in force at the latest point and ``assurance`` the engine's
    assurance of the current period; the answer carries the assurance to show beside it.
    """
    facts = _facts(metric, points, target)
    shown = assurance_shown(assurance, facts.values, facts.target, metric.direction)
    if len(facts.values) < MIN_POINTS_FOR_LIMITS:
        opening, first = _too_early(facts)
        sentences = [first, _too_early_spc(facts), _too_early_assurance(facts)]
    else:
        if facts.kind == "standard" and facts.zero_target:
            opening, first = _zero_opening(facts)
        elif facts.kind == "standard":
            opening, first = _standard_opening(facts)
        else:
            opening, first = _change_opening(facts)
        sentences = [first, _spc_sentence(facts), _assurance_sentence(facts, assurance, shown)]
    return Answer(
        text=" ".join(s for s in sentences if s),
        opening=opening,
        question_kind=facts.kind,
        current_period_start=facts.start,
        limits_recalculated=facts.recalculated,
        assurance=shown,
    )


def _facts(metric: Metric, points: pd.DataFrame, target: float | None) -> _Facts:
    data = points.sort_values("period_start").reset_index(drop=True)
    recorded = np.flatnonzero(data["value"].notna().to_numpy())
    data = data.iloc[: int(recorded[-1]) + 1]
    groups = data["rebase_group"].ffill().bfill() if "rebase_group" in data else None
    if groups is None or groups.isna().all():
        period, before = data, data.iloc[0:0]
    else:
        period, before = data[groups == groups.iloc[-1]], data[groups != groups.iloc[-1]]
    change = str(period.iloc[0].get("limits_change") or "") if "limits_change" in period else ""
    rows = period[period["value"].notna()]
    previous = before[before["value"].notna()]
    has_target = target is not None and not math.isnan(target)
    return _Facts(
        metric=metric,
        kind=question_kind(metric.question_kind, target if has_target else None, metric.direction),
        target=float(target) if has_target else None,  # type: ignore[arg-type]
        values=pd.to_numeric(rows["value"]).to_numpy(dtype=float),
        dates=[as_date(d) for d in rows["period_start"]],  # type: ignore[misc]
        rows=rows.reset_index(drop=True),
        start=as_date(period.iloc[0]["period_start"]),  # type: ignore[arg-type]
        recalculated=change == "recalculated",
        rebased=change == "rebase",
        previous_mean=float(previous["mean"].iloc[-1])
        if change == "recalculated" and len(previous) and "mean" in previous
        else None,
    )


# --- the first sentence: the answer to the question asked -----------------------------


def _standard_opening(f: _Facts) -> tuple[str, str]:
    assert f.target is not None
    met = f.met()
    if met[-1]:
        opening = "Yes" if all(met[-RECENT:]) else "Partly"
    else:
        improving = str(f.latest_row.get("point_type")) == "special_cause_improvement"
        opening = "Not yet" if improving else "No"
    latest = f"{f.latest_text()} in {f.when(f.dates[-1])}"
    return opening, f"{opening}: {latest} against {f.the_target('standard')}."


def _count_words(f: _Facts, value: float) -> str:
    """``1 patient waited over 78 weeks``, or the value alone for a measure not of waits."""
    match = _WAITS.match(f.metric.metric_name.strip())
    if f.unit != "count" or match is None:
        return "none" if value == 0 else f.number(value)
    count = int(round(value))
    who = "no patients" if count == 0 else f"{count:,} patient{'s' if count != 1 else ''}"
    return f"{who} waited {match.group(1).lower()} {match.group(2)}"


def _zero_opening(f: _Facts) -> tuple[str, str]:
    met = f.met()
    month = f.when(f.dates[-1])
    if met[-1]:
        if all(met[-RECENT:]):
            return "Yes", f"Yes: {_count_words(f, 0)} in {month}."
        last_miss = max(i for i in range(len(met)) if not met[i])
        before = f"{f.number(f.values[last_miss])} in {f.when(f.dates[last_miss])}"
        return "Partly", f"Partly: {_count_words(f, 0)} in {month}, after {before}."
    improving = str(f.latest_row.get("point_type")) == "special_cause_improvement"
    opening = "Not yet" if improving else "No"
    return opening, f"{opening}: {_count_words(f, f.latest)} in {month}; the aim is none."


def _run_start(f: _Facts) -> tuple[date, int]:
    """Where the trailing run of the latest point's type began, and its length."""
    types = f.rows["point_type"].astype(str).to_numpy()
    run = 0
    for t in types[::-1]:
        if t != types[-1]:
            break
        run += 1
    return f.dates[len(types) - run], run


def _change_opening(f: _Facts) -> tuple[str, str]:
    point_type = str(f.latest_row.get("point_type"))
    higher = "up" if f.direction in ("increase", "neutral") else "down"
    lower = "down" if higher == "up" else "up"
    now = f"{f.latest_text()} in {f.when(f.dates[-1])}"
    if point_type in _SPECIAL:
        if point_type == "special_cause_concern":
            opening, way = "No", lower
        elif point_type == "special_cause_improvement":
            opening, way = "Yes", higher
        else:
            opening, way = "Yes", "up" if point_type.endswith("high") else "down"
        start, run = _run_start(f)
        if run > 1:
            return opening, f"{opening}: {way} since {f.when(start)}, to {now}."
        return opening, f"{opening}: {way} to {now}."
    if f.recalculated and f.previous_mean is not None:
        mean = float(f.latest_row["mean"])
        way = "up" if mean > f.previous_mean else "down"
        if f.direction == "neutral":
            opening = "Yes"
        else:
            better = mean > f.previous_mean if f.direction == "increase" else mean < f.previous_mean
            opening = "Partly" if better else "No"
        return opening, f"{opening}: {way} in {f.when(f.start)} and steady since, at {now}."
    return "No", f"No: no clear change since {f.when(f.start)}; {now}."


def _too_early(f: _Facts) -> tuple[str, str]:
    n = f.periods(len(f.values))
    if f.recalculated:
        return "Too early to say", (
            f"Too early to say: only {n} since limits were recalculated in {f.when(f.start)}."
        )
    if f.rebased:
        return (
            "Too early to say",
            f"Too early to say: only {n} since the rebase in {f.when(f.start)}.",
        )
    return "Too early to say", f"Too early to say: only {n} of data, from {f.when(f.start)}."


# --- the second sentence: what the SPC shows ------------------------------------------


def _since(f: _Facts) -> str:
    if f.recalculated:
        return f"Since limits were recalculated in {f.when(f.start)}"
    if f.rebased:
        return f"Since the rebase in {f.when(f.start)}"
    return f"Since {f.when(f.start)}"


def _spc_sentence(f: _Facts) -> str:
    row = f.latest_row
    mean = float(row["mean"])
    lpl, upl = (truncate(float(row[c]), f.unit) for c in ("lpl", "upl"))
    if upl is None or lpl is None or math.isnan(upl) or upl == lpl:
        return f"{_since(f)}, every {f.noun()} was {f.number(mean)}, so SPC shows no variation."
    point_type = str(row.get("point_type"))
    if point_type in _SPECIAL:
        rule = RULE_WORDS.get(str(row.get("special_cause_type")))
        detail = f": {rule[1]}" if rule else ""
        return f"{_since(f)}, SPC shows special cause {_SPECIAL[point_type]}{detail}."
    if f.zero_target:
        return (
            f"{_since(f)}, SPC shows common cause variation around {f.number(mean)} a {f.noun()}."
        )
    return (
        f"{_since(f)}, SPC shows common cause variation around {f.number(mean)}, "
        f"within limits of {f.number(lpl)} to {f.number(upl)}."
    )


def _too_early_spc(f: _Facts) -> str:
    return (
        f"SPC needs {MIN_POINTS_FOR_LIMITS} points to set limits; "
        f"{f.when(f.dates[-1])} was {f.latest_text()}."
    )


# --- the third sentence: the assurance ------------------------------------------------

NO_TARGET_SENTENCE = "There is no target, so no assurance is given."


def _assurance_sentence(f: _Facts, engine: str | None, shown: str | None) -> str:
    if f.target is None:
        return NO_TARGET_SENTENCE
    t = f.the_target()
    if f.direction == "neutral":
        return (
            f"{t[0].upper()}{t[1:]} is for reference only, as neither higher nor lower is better."
        )
    met = f.met()
    n, k = len(met), sum(met)
    if f.zero_target:
        if k == n:
            return f"The aim of none was met in all {f.periods(n)}."
        return f"The aim of none was met in {k} of {f.periods(n)}."
    increasing = f.direction == "increase"
    if shown == "consistent_pass":
        side = "above" if increasing else "below"
        return f"Assurance: consistently passing, as the limits sit {side} {t}."
    if shown == "consistent_fail":
        if met[-1]:
            return f"Assurance: consistently failing, though {f.when(f.dates[-1])} met {t}."
        return f"Assurance: consistently failing; at this level {t} will not be met."
    recent = f.periods(RECENT)
    if engine == "consistent_fail":
        side = "below" if increasing else "above"
        return (
            f"Assurance: hit and miss; the last {recent} met {t}, though the limits sit {side} it."
        )
    if engine == "consistent_pass":
        side = "above" if increasing else "below"
        return (
            f"Assurance: hit and miss; the last {recent} missed {t}, "
            f"though the limits sit {side} it."
        )
    if k == n:
        return f"Assurance: hit and miss, though {t} was met in all {f.periods(n)}."
    if k == 0:  # "met in 0 of 24 months" read as a slip beside "hit and miss"
        return f"Assurance: hit and miss, though {t} was not met in any of the {f.periods(n)}."
    return f"Assurance: hit and miss; {t} was met in {k} of {f.periods(n)}."


def _too_early_assurance(f: _Facts) -> str:
    if f.target is None:
        return NO_TARGET_SENTENCE
    if f.direction == "neutral":
        t = f.the_target()
        return (
            f"{t[0].upper()}{t[1:]} is for reference only, as neither higher nor lower is better."
        )
    if f.zero_target:
        met = f.met()
        return f"The aim is none, met in {sum(met)} of {f.periods(len(met))}."
    verdict = "meets" if f.met()[-1] else "misses"
    return f"That {verdict} {f.the_target()}; assurance needs more points."
