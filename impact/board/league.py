"""Where do we stand? Each metric's rank among like peers, its quarter, and the change.

Since the NHS Oversight Framework 2025/26 boards also see their trust's place in national
league tables. This is not that: it is our own ranking from the published figures in the
data folder, among the same like peers as the peer chart
(:func:`impact.board.peer_groups.peer_group` in the chosen area), and every page that shows
it says so. The method (``docs/league.md``):

* a metric is ranked in our latest month, among the peers with a figure that month, best
  first by its direction of improvement (ties share the better rank); a count with a
  natural denominator is ranked as its rate (:mod:`impact.board.peer_rates`); a plain count
  (it mostly measures size) and a measure with no direction are not ranked;
* its **quarter** is 1 + floor(4 (rank - 1) / n): the top quarter holds the best quarter
  of the peers;
* the **change since the previous quarter** compares the rank three months earlier
  (positive: places climbed), among the peers with a figure then;
* a priority's **overall position** is the average, over its ranked metrics, of the share
  of the other peers we do better than, ``(n - rank) / (n - 1)``, put in the same quarters.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from impact.board.model import Metric, MetricAnswer, QueryFn
from impact.board.peer_groups import PeerGroup, peer_group
from impact.board.peer_rates import peer_rate
from impact.board.peers import _place as peer_place  # the peer chart's own area name
from impact.calendar import add_months, month_short, month_start
from impact.orgs import OrgTree
from impact.units import format_value

#: How far back the "previous quarter" rank is taken.
QUARTER_MONTHS = 3
#: Said on every view of the league table.
LEAGUE_LABEL = (
    "This is our own ranking from the published figures in the data, among like "
    "organisations; it is not the official NHS Oversight Framework segment."
)
QUARTER_WORDS = {1: "top quarter", 2: "second quarter", 3: "third quarter", 4: "bottom quarter"}


def rank_of(values: Mapping[str, float], org_code: str, direction: str) -> tuple[int, int] | None:
    """``(rank, n)`` of ``org_code`` among ``values`` (best first by direction), or None.

    Higher is better for ``increase``, lower for ``decrease``; ties share the better rank.
    """
    known = {k: float(v) for k, v in values.items() if v is not None and not math.isnan(v)}
    if org_code not in known or direction not in ("increase", "decrease"):
        return None
    mine = known[org_code]
    better = sum(1 for v in known.values() if (v > mine if direction == "increase" else v < mine))
    return better + 1, len(known)


def quarter(rank: int, n: int) -> int:
    """1 (the best quarter of the peers) to 4, from a rank among ``n``."""
    if not 1 <= rank <= n:
        raise ValueError(f"a rank is between 1 and {n}; got {rank}")
    return 1 + (4 * (rank - 1)) // n


def share_beaten(rank: int, n: int) -> float:
    """The share of the other peers we do better than (1.0 when first; 0.0 when last)."""
    return (n - rank) / (n - 1) if n > 1 else 1.0


def quarter_of_share(share: float) -> int:
    """The quarter an average share beaten falls in (0.75 or more: the top quarter)."""
    return 1 if share >= 0.75 else 2 if share >= 0.5 else 3 if share >= 0.25 else 4


@dataclass(frozen=True)
class LeagueRow:
    """One metric's place among the peers, or why it is not ranked."""

    metric: Metric
    period: date | None
    value: float | None  # our compared figure (the rate, for a count compared as a rate)
    unit: str
    rank: int | None
    of: int
    previous_period: date | None
    previous_rank: int | None
    previous_of: int
    note: str  # why not ranked (empty when ranked)

    @property
    def ranked(self) -> bool:
        return self.rank is not None

    @property
    def quarter(self) -> int | None:
        return quarter(self.rank, self.of) if self.rank is not None else None

    @property
    def change(self) -> int | None:
        """Places climbed since the previous quarter (negative: places fallen)."""
        if self.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.rank

    def change_text(self) -> str:
        if self.rank is None:
            return ""
        if self.previous_rank is None:
            return "No figure a quarter before"
        then = f"{self.previous_rank} of {self.previous_of} in {month_short(self.previous_period)}"
        change = self.change or 0
        if change == 0:
            return f"Same place ({then})"
        places = "place" if abs(change) == 1 else "places"
        return f"{'Up' if change > 0 else 'Down'} {abs(change)} {places} (from {then})"

    def to_dict(self) -> dict[str, object]:
        """Plain data for ``python -m impact answer --json``."""
        return {
            "period": self.period.isoformat() if self.period else None,
            "value": self.value,
            "rank": self.rank,
            "of": self.of,
            "quarter": self.quarter,
            "previous_period": self.previous_period.isoformat() if self.previous_period else None,
            "previous_rank": self.previous_rank,
            "previous_of": self.previous_of,
            "change": self.change,
            "note": self.note,
        }


@dataclass(frozen=True)
class League:
    """Every board metric's place among one peer group."""

    org_code: str
    group: PeerGroup
    place: str
    rows: list[LeagueRow]

    def for_priority(self, priority: str) -> list[LeagueRow]:
        return [r for r in self.rows if r.metric.priority == priority]

    def row(self, metric_id: str) -> LeagueRow | None:
        return next((r for r in self.rows if r.metric.metric_id == metric_id), None)

    def overall(self, priority: str) -> str:
        """A priority's overall position in one sentence (see the module's method)."""
        ranked = [r for r in self.for_priority(priority) if r.rank is not None and r.of > 1]
        if not ranked:
            return "No measure of this priority can be ranked among the peers."
        share = sum(share_beaten(r.rank, r.of) for r in ranked) / len(ranked)  # type: ignore[arg-type]
        measures = "measure" if len(ranked) == 1 else "measures"
        return (
            f"Overall: across {len(ranked)} ranked {measures}, on average better than "
            f"{round(100 * share)}% of the other {self.group.noun()} in {self.place}: "
            f"the {QUARTER_WORDS[quarter_of_share(share)]}."
        )

    def frame(self, priority: str) -> pd.DataFrame:
        """The priority's rows as a table (and its CSV download)."""
        return pd.DataFrame(
            [
                {
                    "Measure": _measure(r.metric),
                    "Month": month_short(r.period) if r.period else "",
                    "Our figure": format_value(r.value, r.unit) if r.value is not None else "",
                    "Rank": f"{r.rank} of {r.of}" if r.rank is not None else "Not ranked",
                    "Quarter": QUARTER_WORDS[r.quarter].capitalize() if r.quarter else "",
                    "Since the previous quarter": r.change_text() if r.ranked else r.note,
                }
                for r in self.for_priority(priority)
            ],
            columns=[
                "Measure",
                "Month",
                "Our figure",
                "Rank",
                "Quarter",
                "Since the previous quarter",
            ],
        )


def _measure(metric: Metric) -> str:
    """The metric's name, with the rate it is ranked as (``… per 1,000 attendances``)."""
    rate = peer_rate(metric.metric_id)
    return f"{metric.metric_name} ({rate.label})" if rate else metric.metric_name


def _not_ranked(metric: Metric) -> str:
    if metric.direction not in ("increase", "decrease"):
        return "Not ranked: the measure has no direction of improvement."
    if metric.unit == "count" and peer_rate(metric.metric_id) is None:
        return "Not ranked: a count mostly measures an organisation's size."
    return ""


def _values_at(values: pd.DataFrame, metric_id: str, month: date) -> dict[str, float]:
    """Each peer's figure of ``metric_id`` in ``month`` (its rate, for a count compared so)."""

    def at(mid: str) -> pd.Series:
        rows = values[(values["metric_id"] == mid) & (values["period_start"] == month)]
        return rows.set_index("org_code")["value"].astype(float)

    rate = peer_rate(metric_id)
    counts = at(metric_id)
    if rate is None:
        return counts.to_dict()
    denominators = at(rate.denominator_metric)
    both = counts.index.intersection(denominators[denominators > 0].index)
    return (rate.per * counts[both] / denominators[both]).to_dict()


def league_rows(
    answers: Sequence[MetricAnswer], values: pd.DataFrame, org_code: str
) -> list[LeagueRow]:
    """Each answer's rank among the peers' ``values`` (``metric_id, org_code,
    period_start, value``), in our latest month and a quarter before."""
    rows = []
    for a in answers:
        m, note = a.metric, _not_ranked(a.metric)
        period = month_start(a.latest_period) if a.latest_period else None
        unit = "rate" if peer_rate(m.metric_id) else m.unit
        if note or period is None:
            rows.append(LeagueRow(m, period, None, unit, None, 0, None, None, 0, note))
            continue
        now = _values_at(values, m.metric_id, period)
        before_month = add_months(period, -QUARTER_MONTHS)
        before = rank_of(_values_at(values, m.metric_id, before_month), org_code, m.direction)
        place = rank_of(now, org_code, m.direction)
        if place is None:
            why = f"Not ranked: no comparable figure for {month_short(period)}."
            rows.append(LeagueRow(m, period, None, unit, None, 0, None, None, 0, why))
            continue
        rows.append(
            LeagueRow(
                m,
                period,
                now[org_code],
                unit,
                place[0],
                place[1],
                before_month,
                before[0] if before else None,
                before[1] if before else 0,
                "",
            )
        )
    return rows


def league_table(
    query: QueryFn,
    tree: OrgTree,
    answers: Sequence[MetricAnswer],
    *,
    org_code: str,
    scope: str,
    period_to: date,
) -> League:
    """Every answer's place among the like peers in ``scope`` (one query for them all)."""
    place = peer_place(tree, org_code, scope)
    if org_code in tree:
        group = peer_group(query, tree.get(org_code), tree.peers(org_code, scope), period_to)
    else:
        group = PeerGroup("organisation", (org_code,))
    codes = list(group.codes) or [org_code]
    months = [month_start(a.latest_period) for a in answers if a.latest_period]
    if not months:
        return League(org_code, group, place, [])
    metric_ids = {a.metric.metric_id for a in answers}
    metric_ids |= {r.denominator_metric for m in metric_ids if (r := peer_rate(m))}
    values = query(
        "league_values",
        metric_ids=sorted(metric_ids),
        org_codes=codes,
        period_from=add_months(min(months), -QUARTER_MONTHS),
        period_to=period_to,
    )
    values["period_start"] = pd.to_datetime(values["period_start"]).dt.date
    return League(org_code, group, place, league_rows(answers, values, org_code))
