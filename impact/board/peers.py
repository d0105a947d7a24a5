"""A metric of one organisation beside others: its peers' latest values, its ICB and region.

Both comparisons are single queries for the one metric and the few organisations needed
(``board_peers``, ``board_metric_series``), with the organisation codes bound as a list,
rather than every metric of each organisation filtered afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from impact.board.model import QueryFn
from impact.orgs import OrgTree

#: The columns of a peer comparison (and of its CSV download).
PEER_COLUMNS = ("org_code", "org_name", "period_start", "value")
#: The columns of each series in an ICB-and-region comparison.
SERIES_COLUMNS = ("org_code", "period_start", "value")


def peer_values(
    query: QueryFn,
    tree: OrgTree,
    *,
    org_code: str,
    metric_id: str,
    scope: str,
    period_to: date,
) -> pd.DataFrame:
    """Each peer's latest value at or before ``period_to`` (inclusive), with its name.

    The peers are those of :meth:`OrgTree.peers` for ``scope``; an organisation with no
    peers in the tree is compared with itself alone.
    """
    codes = [p.code for p in tree.peers(org_code, scope)] or [org_code]
    frame = query("board_peers", metric_id=metric_id, org_codes=codes, period_to=period_to)
    frame["org_name"] = [tree.name(c) for c in frame["org_code"]]
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    return frame[list(PEER_COLUMNS)]


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
