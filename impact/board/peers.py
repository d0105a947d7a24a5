"""A metric of one organisation beside others: its peers' latest values, its ICB and region.

Both comparisons are single queries for the one metric and the few organisations needed
(``board_peers`` or ``board_peer_rates``, ``board_metric_series``), with the organisation
codes bound as a list, rather than every metric of each organisation filtered afterwards.
Peers are like organisations (:mod:`impact.board.peer_groups`) and counts with a natural
denominator are compared as rates (:mod:`impact.board.peer_rates`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import pandas as pd

from impact.board.model import QueryFn
from impact.board.peer_groups import PeerGroup, peer_group
from impact.board.peer_rates import Rate, peer_rate
from impact.orgs import OrgTree
from impact.units import format_value

#: The columns of a peer comparison (and of its CSV download). ``value`` is the compared
#: figure (the rate, for a count compared as a rate); ``count`` and ``denominator`` the
#: figures it is made of, and ``detail`` them in words (blank when not a rate).
PEER_COLUMNS = ("org_code", "org_name", "period_start", "value", "count", "denominator", "detail")
#: The columns of each series in an ICB-and-region comparison.
SERIES_COLUMNS = ("org_code", "period_start", "value")


@dataclass(frozen=True)
class Peers:
    """The chosen organisation beside its like peers: the figures and what they are."""

    org_code: str
    frame: pd.DataFrame  # PEER_COLUMNS, one row per organisation with a figure
    group: PeerGroup
    place: str  # where the peers were looked for: the ICB's or region's name
    rate: Rate | None

    @cached_property
    def others(self) -> int:
        """How many peers other than the chosen organisation have a figure."""
        known = self.frame.dropna(subset=["value"])
        return int((known["org_code"] != self.org_code).sum())

    @cached_property
    def comparable(self) -> bool:
        """Whether there is anything to draw: the chosen one and at least one other."""
        return self.others > 0 and self.org_code in set(
            self.frame.dropna(subset=["value"]).org_code
        )

    def sentence(self) -> str:
        """Which peer group was used and how many are in it, or why there is no chart."""
        if not self.comparable:
            return (
                f"No other {self.group.noun()} in {self.place} report this measure, "
                "so there are no like organisations to compare with."
            )
        how = f", as a rate {self.rate.label}" if self.rate else ""
        return (
            f"Compared with {self.others} other {self.group.noun(self.others)} "
            f"in {self.place}{how}."
        )


def compare_with_peers(
    query: QueryFn,
    tree: OrgTree,
    *,
    org_code: str,
    metric_id: str,
    scope: str,
    period_to: date,
) -> Peers:
    """Each like peer's latest figure at or before ``period_to`` (inclusive), with its name.

    The candidates are those of :meth:`OrgTree.peers` for ``scope``, narrowed to the chosen
    organisation's kind; an organisation missing from the tree is compared with itself.
    """
    rate = peer_rate(metric_id)
    if org_code in tree:
        candidates = tree.peers(org_code, scope)
        group = peer_group(query, tree.get(org_code), candidates, period_to)
    else:
        group = PeerGroup("organisation", (org_code,))
    codes = list(group.codes) or [org_code]
    if rate is None:
        frame = query("board_peers", metric_id=metric_id, org_codes=codes, period_to=period_to)
        frame["count"], frame["denominator"], frame["detail"] = float("nan"), float("nan"), ""
    else:
        frame = query(
            "board_peer_rates",
            metric_id=metric_id,
            denominator_metric=rate.denominator_metric,
            per=float(rate.per),
            org_codes=codes,
            period_to=period_to,
        )
        frame["detail"] = [
            _detail(rate, c, d) for c, d in zip(frame["count"], frame["denominator"], strict=True)
        ]
    frame["org_name"] = [tree.name(c) for c in frame["org_code"]]
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    return Peers(org_code, frame[list(PEER_COLUMNS)], group, _place(tree, org_code, scope), rate)


def _detail(rate: Rate, count: object, denominator: object) -> str:
    """``1,269 waits of 25,432 attendances``: the figures behind a rate, for the hover."""
    of = format_value(denominator, "count")
    return f"{format_value(count, 'count')} {rate.count_noun} of {of} {rate.denominator_noun}"


def _place(tree: OrgTree, org_code: str, scope: str) -> str:
    """The name of the area peers were looked for in (as :meth:`OrgTree.peers` chooses it)."""
    if org_code not in tree:
        return "the data"
    if scope == "england":
        nation = tree.ancestor_of_type(org_code, "nation")
        return nation.name if nation is not None else "the data"
    if scope == "region":
        region = tree.ancestor_of_type(org_code, "region")
        if region is not None and region.code != org_code:
            return region.name
    parent = tree.get(org_code).parent_code
    return tree.name(parent) if parent and parent in tree else "the data"


@dataclass(frozen=True)
class Comparison:
    """An organisation's series beside its ICB's and region's, for one metric."""

    series: list[tuple[str, pd.DataFrame]]  # (organisation name, its rows), in tree order

    @property
    def shown(self) -> list[tuple[str, pd.DataFrame]]:
        """The series that have any figures (only these are drawn)."""
        return [s for s in self.series if not s[1].empty]

    @property
    def frame(self) -> pd.DataFrame:
        """Every series' rows in one frame (the CSV download)."""
        parts = [part for _, part in self.series]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def comparison(
    query: QueryFn,
    tree: OrgTree,
    *,
    org_code: str,
    metric_id: str,
    period_from: date,
    period_to: date,
) -> Comparison:
    """The organisation, its ICB and its region over [period_from, period_to] (inclusive)."""
    codes = tree.comparator_codes(org_code)
    rows = query(
        "board_metric_series",
        metric_id=metric_id,
        org_codes=codes,
        period_from=period_from,
        period_to=period_to,
    )[list(SERIES_COLUMNS)]
    series = [
        (tree.name(code), rows[rows["org_code"] == code].reset_index(drop=True)) for code in codes
    ]
    return Comparison(series)
