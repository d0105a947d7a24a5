"""Are we an outlier among our peers? The funnel plot of one metric, and its sentence.

The ranked peer bars say who is higher; they cannot say whether a difference is more than
chance. A funnel plot (Spiegelhalter 2005, as PowerBI-Funnels draws it) can, but only for a
figure made of a numerator over a denominator: a proportion (patients seen within 4 hours
of all attendances) or a count compared as a rate (12-hour waits per 1,000 attendances,
:mod:`impact.board.peer_rates`). A mean response time or a plain count has no denominator,
so no funnel is drawn for it and the page says why, rather than charting nonsense.

The peers are exactly those of the ranked bars (:func:`impact.board.peers.compare_with_peers`:
like organisations in the chosen area), compared in the chosen organisation's latest month;
a peer without that month, or whose numerator and denominator are missing or impossible,
is left off the funnel and named. The limits are widened for overdispersion only when the
peers differ by more than chance allows (PowerBI-Funnels' ``auto``), and the sentence says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from impact.board.model import Metric, QueryFn
from impact.board.peer_rates import Rate
from impact.board.peers import Peers
from impact.calendar import month_long
from impact.spc import funnel, funnel_lines, funnel_sentence
from impact.units import format_value

#: PowerBI-Funnels' own default: widen the limits only when the peers are overdispersed.
OVERDISPERSION = "auto"
#: The columns of :attr:`FunnelPosition.rows` (and of its CSV download).
FUNNEL_ROW_COLUMNS = (
    "org_code", "org_name", "numerator", "denominator", "value",
    "ll99", "ll95", "target", "ul95", "ul99", "z", "outlier", "od_adjusted",
)  # fmt: skip


@dataclass(frozen=True)
class FunnelPosition:
    """One organisation's place on its peers' funnel plot, or why there is none."""

    metric: Metric
    org_code: str
    applies: bool
    sentence: str  # the question and answer, or why no funnel is drawn
    period: date | None = None
    unit: str = ""  # "percent" or "rate": how the values are written
    axis_title: str = ""  # what the denominator counts, for the x axis
    value_title: str = ""  # what the value is, for the y axis
    peers_label: str = ""  # "trusts with a type 1 A&E department in NHS Midlands"
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)  # FUNNEL_ROW_COLUMNS
    lines: pd.DataFrame = field(default_factory=pd.DataFrame)  # the limit curves to draw
    left_out: tuple[str, ...] = ()  # peers not on the funnel, with the reason

    @property
    def chosen(self) -> pd.Series | None:
        """The chosen organisation's row of the funnel."""
        if self.rows.empty:
            return None
        mine = self.rows[self.rows["org_code"] == self.org_code]
        return mine.iloc[0] if not mine.empty else None

    @property
    def outlier(self) -> str | None:
        """``within``, ``above 95`` ... (see :data:`impact.spc.OUTLIER_CLASSES`)."""
        row = self.chosen
        return str(row["outlier"]) if row is not None else None

    def note(self) -> str:
        """Which peers are not on the funnel and why (empty when every peer is)."""
        if not self.left_out:
            return ""
        return "Not on the funnel: " + "; ".join(self.left_out) + "."


def _not_applicable(metric: Metric, org_code: str, why: str) -> FunnelPosition:
    return FunnelPosition(metric, org_code, applies=False, sentence=why)


def no_denominator_sentence(metric: Metric) -> str:
    """Why a measure without a denominator gets no funnel plot."""
    return (
        f"A funnel plot does not apply to {metric.metric_name}: it compares proportions and "
        "rates by the size of what they are counted out of, and this measure has no such "
        "denominator."
    )


def _fractions(
    query: QueryFn, peers: Peers, metric: Metric, period: date
) -> tuple[pd.DataFrame, float, str, str]:
    """Each peer's numerator and denominator in ``period``, the multiplier, unit and axis."""
    codes = list(peers.frame["org_code"])
    rate = peers.rate
    if rate is not None:
        frame = peers.frame[pd.to_datetime(peers.frame["period_start"]).dt.date == period]
        frame = frame.rename(columns={"count": "numerator"})[
            ["org_code", "org_name", "numerator", "denominator"]
        ]
        return frame, float(rate.per), "rate", rate.denominator_noun
    frame = query(
        "board_peer_fractions", metric_id=metric.metric_id, org_codes=codes, period_start=period
    )
    names = dict(zip(peers.frame["org_code"], peers.frame["org_name"], strict=True))
    frame["org_name"] = [names.get(c, c) for c in frame["org_code"]]
    return frame[["org_code", "org_name", "numerator", "denominator"]], 100.0, "percent", ""


def _usable(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The rows a funnel can use, and each left-out organisation with its reason."""
    num = pd.to_numeric(frame["numerator"], errors="coerce")
    den = pd.to_numeric(frame["denominator"], errors="coerce")
    reasons = np.select(
        [
            num.isna() | den.isna() | ~np.isfinite(num) | ~np.isfinite(den),
            den <= 0,
            (num < 0) | (num > den),
        ],
        [
            "no numerator and denominator",
            "a denominator of zero",
            "a numerator below zero or above its denominator",
        ],
        "",
    )
    bad = reasons != ""
    left = [f"{n} ({r})" for n, r in zip(frame["org_name"][bad], reasons[bad], strict=True)]
    good = frame[~bad].assign(numerator=num[~bad], denominator=den[~bad])
    return good.reset_index(drop=True), left


def funnel_position(query: QueryFn, peers: Peers, metric: Metric) -> FunnelPosition:
    """The funnel of ``peers`` (from :func:`compare_with_peers`) for ``metric``.

    ``applies`` is False, with the reason as the sentence, for a measure with no
    denominator, when the chosen organisation has no usable figure, or when fewer than two
    organisations are left to compare.
    """
    org = peers.org_code
    if peers.rate is None and metric.unit != "percent":
        return _not_applicable(metric, org, no_denominator_sentence(metric))
    mine = peers.frame[peers.frame["org_code"] == org].dropna(subset=["value"])
    if mine.empty:
        return _not_applicable(metric, org, peers.sentence())
    period = pd.Timestamp(mine["period_start"].iloc[0]).date()
    frame, per, unit, denominator_noun = _fractions(query, peers, metric, period)
    rows, left_out = _usable(frame)
    missing = sorted(set(peers.frame["org_code"]) - set(frame["org_code"]))
    names = dict(zip(peers.frame["org_code"], peers.frame["org_name"], strict=True))
    left_out += [f"{names[c]} (no figure for {month_long(period)})" for c in missing]
    if org not in set(rows["org_code"]):
        return _not_applicable(
            metric,
            org,
            f"No funnel plot for {metric.metric_name}: our figure for {month_long(period)} "
            "has no usable numerator and denominator.",
        )
    if len(rows) < 2:
        return _not_applicable(
            metric,
            org,
            f"No funnel plot for {metric.metric_name}: no other {peers.group.noun()} in "
            f"{peers.place} have a numerator and denominator for {month_long(period)}.",
        )
    try:
        result = funnel(
            rows,
            group_col="org_code",
            numerator_col="numerator",
            denominator_col="denominator",
            chart="PR",
            overdispersion=OVERDISPERSION,
            multiplier=per,
        )
    except ValueError as problem:  # the engine's own checks (funnel_checks), said plainly
        why = str(problem).removeprefix("funnel: ")
        return _not_applicable(metric, org, f"No funnel plot for {metric.metric_name}: {why}")
    result = result.rename(columns={"group": "org_code"})
    result.insert(1, "org_name", list(rows["org_name"]))
    lines = funnel_lines(
        result.rename(columns={"org_code": "group"}),
        chart="PR",
        overdispersion=OVERDISPERSION,
        multiplier=per,
    )
    n = len(result)
    label = f"{peers.group.noun(n)} in {peers.place}"
    chosen = result[result["org_code"] == org].iloc[0]
    sentence = funnel_sentence(
        chosen.to_dict(), peers_label=label, n_peers=n, unit=unit, improvement=metric.direction
    )
    if peers.rate is not None:
        sentence = _with_rate_label(sentence, format_value(chosen["value"], unit), peers.rate)
    value_title = f"{metric.metric_name} {peers.rate.label}" if peers.rate else metric.metric_name
    return FunnelPosition(
        metric=metric,
        org_code=org,
        applies=True,
        sentence=sentence,
        period=period,
        unit=unit,
        axis_title=_axis_title(metric, denominator_noun),
        value_title=value_title,
        peers_label=label,
        rows=result[list(FUNNEL_ROW_COLUMNS)],
        lines=lines,
        left_out=tuple(left_out),
    )


def _with_rate_label(sentence: str, shown: str, rate: Rate) -> str:
    """``No: 10.0 per 1,000 attendances is within …``: a rate says what it is per."""
    question, _, answer = sentence.partition("? ")
    return f"{question}? " + answer.replace(shown, f"{shown} {rate.label}", 1)


def _axis_title(metric: Metric, denominator_noun: str) -> str:
    """The x axis: what the size of each organisation is counted in."""
    if denominator_noun:
        return f"Size: {denominator_noun}"
    return "Size: the number counted (the denominator)"
