"""Checks on an answer's text against the figures beside it, shared by the consistency tests.

:func:`number_problems` finds every number the text writes and says which one matches no
figure of the metric's table (the latest value, the target, the centre line and limits as
the chart draws them, the current period's values, or a count of its periods);
:func:`generated_query` is a store stand-in over random series, so the rules are checked on
shapes the demo does not happen to contain.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd
import textstat

from bench.answer_consistency import current_values, grammar_text
from impact.board import MetricAnswer
from impact.calendar import MONTHS_LONG, month_long
from impact.spc.describe import RULE_WORDS
from impact.spc.limits import MIN_POINTS_FOR_LIMITS
from impact.spc.natural_range import truncate

_MONTH = re.compile(rf"\b(?:{'|'.join(MONTHS_LONG)}) (\d{{4}})\b")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_COUNTS = re.compile(
    r"\b(?:only|all|last|in|of the) (\d+) (?:of (\d+) )?(?:months?|weeks?|quarters?)\b"
)


def reading_ease(text: str) -> float:
    """Flesch reading ease of the text (higher is easier; 60 to 70 is plain English)."""
    return float(textstat.flesch_reading_ease(text))


def number_problems(answer: MetricAnswer) -> list[str]:
    """Every number in the answer that equals no figure of its table, in words."""
    text = grammar_text(answer)
    problems: list[str] = []
    shown = {month_long(d) for d in pd.to_datetime(answer.points["period_start"])}
    for match in _MONTH.finditer(text):
        if match.group(0) not in shown:
            problems.append(f"{match.group(0)} is not a period of the chart")
    text = _MONTH.sub(" ", text)
    for named in re.finditer(r"\d+ \w+", answer.metric.metric_name):  # "78 weeks"
        text = text.replace(named.group(0), " ")
    for _, rule in RULE_WORDS.values():
        text = text.replace(rule, " ")
    text = text.replace(f"SPC needs {MIN_POINTS_FOR_LIMITS} points", " ")
    values = current_values(answer)
    for match in _COUNTS.finditer(text):
        numbers = [int(g) for g in match.groups() if g]
        if max(numbers) > len(values):
            problems.append(f"{match.group(0)!r}: the current period has {len(values)} points")
    text = _COUNTS.sub(" ", text)
    figures = _figures(answer, values)
    for match in _NUMBER.finditer(text):
        written = match.group(0)
        if not any(_same(written, f) for f in figures):
            problems.append(f"{written} matches no figure in the table")
    return problems


def _figures(answer: MetricAnswer, values: pd.Series) -> list[float]:
    """The figures a board sees beside the answer: table, target and the chart's lines."""
    unit = answer.metric.unit
    latest = answer.points[answer.points["value"].notna()].iloc[-1]
    lines = [truncate(float(latest[c]), unit) for c in ("mean", "lpl", "upl")]
    figures = [answer.latest_value, answer.target, *lines, *values.tolist()]
    return [float(f) for f in figures if f is not None and not np.isnan(float(f))]


def _same(written: str, figure: float) -> bool:
    """Whether a number as written is the figure rounded to the places it shows."""
    plain = written.replace(",", "")
    places = len(plain.split(".")[1]) if "." in plain else 0
    return abs(float(plain) - figure) <= 0.5 * 10**-places + 1e-9


GENERATED_METRICS = pd.DataFrame(
    {
        "metric_id": ["four_hour", "share_52", "waits_78", "list", "attendances"],
        "metric_name": [
            "Four-hour performance",
            "Share waiting over 52 weeks",
            "Waits over 78 weeks (referral to treatment)",
            "Waiting list",
            "Attendances",
        ],
        "priority": ["uec", "elective", "elective", "elective", "uec"],
        "board_question": ["Four hours?", "Under 1%?", "Eliminated?", "Shorter?", "Changing?"],
        "unit": ["percent", "percent", "count", "count", "count"],
        "improvement_direction": ["increase", "decrease", "decrease", "decrease", "neutral"],
        "frequency": ["month"] * 5,
        "definition": [""] * 5,
        "source": [""] * 5,
        "chart": ["i", "i", "c", "i", "i"],
        "limits": ["auto", "fixed", "fixed", "auto", "fixed"],
        "question_kind": ["standard", "standard", "standard", "change", None],
    }
)
GENERATED_TARGETS = pd.DataFrame(
    {
        "metric_id": ["four_hour", "share_52", "waits_78", "attendances"],
        "org_code": [None] * 4,
        "target_value": [78.0, 1.0, 0.0, 60000.0],
        "effective_from": pd.to_datetime(["2020-01-01"] * 4),
        "effective_to": pd.to_datetime([None] * 4),
        "source": [""] * 4,
    }
)


def generated_observations(seed: int, months: int) -> pd.DataFrame:
    """One organisation's random series: levels around the targets, shifts, trends, zeros."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2021-01-01", periods=months, freq="MS")
    shift_at = int(rng.integers(months // 3, months))
    step = np.where(np.arange(months) >= shift_at, 1.0, 0.0)
    trend = np.linspace(0, rng.normal(0, 6), months)
    four = np.clip(rng.normal(rng.uniform(60, 95), rng.uniform(0.5, 4), months) + trend, 0, 100)
    four = four + step * rng.normal(0, 6)
    share = np.clip(
        rng.normal(rng.uniform(0.5, 1.8), 0.1, months) - step * rng.uniform(0, 0.8), 0, 100
    )
    waits = rng.poisson(rng.choice([0.05, 0.4, 2.0, 6.0]), months) * (1 - step * rng.integers(0, 2))
    waiting = rng.normal(50000, 800, months) - step * rng.normal(3000, 2000) + trend * 300
    attend = rng.normal(60000, 1500, months) + step * rng.normal(0, 4000)
    frames = [
        pd.DataFrame({"metric_id": m, "period_start": dates, "value": np.round(v, 2)})
        for m, v in (
            ("four_hour", np.clip(four, 0, 100)),
            ("share_52", share),
            ("waits_78", waits.astype(float)),
            ("list", waiting),
            ("attendances", attend),
        )
    ]
    return pd.concat(frames, ignore_index=True).assign(
        org_code=f"G{seed}", numerator=np.nan, denominator=np.nan
    )


def generated_query(seed: int, months: int):
    """A ``query`` over one generated organisation (no events, projects or plans)."""
    obs = generated_observations(seed, months)

    def query(name: str, **params):
        if name == "board_metrics":
            return GENERATED_METRICS
        if name == "board_observations":
            within = obs["period_start"].between(
                pd.Timestamp(params["period_from"]), pd.Timestamp(params["period_to"])
            )
            return obs[within].reset_index(drop=True)
        if name == "board_targets":
            return GENERATED_TARGETS
        if name == "board_events":
            return pd.DataFrame(columns=["metric_id", "org_code", "event_date", "rebase"])
        if name == "board_projects_for_org":
            return pd.DataFrame(columns=["project_id", "metric_id", "status"])
        if name == "board_plans":
            return pd.DataFrame(
                columns=["metric_id", "period_start", "planned_value", "plan_name", "submitted"]
            )
        if name == "board_data_as_at":
            return pd.DataFrame({"latest_period": [obs["period_start"].max()]})
        raise AssertionError(f"unexpected query {name}")

    return query, date(2021, 1, 1), obs["period_start"].max().date()
