"""Which organisations are fair peers: like compared with like, decided from the data.

The ODS trust list says where a trust sits (region, ICB) but not what kind of trust it is,
so the kind is read from what the trust itself reports over the year to the period end:

- a trust that reports ambulance measures (``amb_…``) is an **ambulance trust**;
- else a trust that reports type 1 A&E attendances (the denominator of the type 1
  four-hour measure) has a **type 1 A&E department**: the acute trusts;
- else it is a trust **without a type 1 A&E department**: specialist, community and mental
  health trusts, including those that run only a minor injuries unit or an urgent
  treatment centre (types 2 and 3).

A trust is compared only with trusts of its own kind, for every measure: acute trusts with
acute trusts for A&E and RTT, ambulance trusts with ambulance trusts, specialist and
community trusts among themselves. When nobody in the data reports type 1 attendances (no
A&E file loaded) kinds cannot be told, and every trust reporting the measure is a peer.
ICBs, regions and other levels are compared with organisations of the same level.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from impact.board.model import QueryFn
from impact.calendar import add_months
from impact.orgs import Org

#: The metric whose denominator is type 1 attendances, and the ambulance metrics' prefix.
TYPE1_METRIC = "ae_4hr_type1"
AMBULANCE_PREFIX = "amb_"
#: How far back a trust's own reports count towards its kind.
KIND_LOOKBACK_MONTHS = 12

#: Each kind of peer group in words: (one organisation, several organisations).
GROUP_WORDS: dict[str, tuple[str, str]] = {
    "type1": ("trust with a type 1 A&E department", "trusts with a type 1 A&E department"),
    "ambulance": ("ambulance trust", "ambulance trusts"),
    "other": (
        "trust without a type 1 A&E department (specialist or community)",
        "trusts without a type 1 A&E department (specialist and community)",
    ),
    "trust": ("trust", "trusts"),
    "icb": ("integrated care board", "integrated care boards"),
    "region": ("region", "regions"),
    "nation": ("nation", "nations"),
    "pcn": ("primary care network", "primary care networks"),
    "practice": ("GP practice", "GP practices"),
}


def trust_kind(*, type1: bool, ambulance: bool, type1_known: bool) -> str:
    """A trust's peer kind from what it reports (the rule in this module's docstring)."""
    if ambulance:
        return "ambulance"
    if not type1_known:
        return "trust"
    return "type1" if type1 else "other"


@dataclass(frozen=True)
class PeerGroup:
    """The organisations a comparison may show, and what kind they are."""

    kind: str
    codes: tuple[str, ...]

    def noun(self, count: int = 2) -> str:
        """``trusts with a type 1 A&E department`` (singular for one)."""
        one, many = GROUP_WORDS.get(self.kind, ("organisation", "organisations"))
        return one if count == 1 else many


def kinds(query: QueryFn, codes: list[str], period_to: date) -> dict[str, str]:
    """Each trust's peer kind from its own reports over the year to ``period_to``."""
    if not codes:
        return {}
    frame = query(
        "board_peer_kinds",
        org_codes=codes,
        period_from=add_months(period_to.replace(day=1), -(KIND_LOOKBACK_MONTHS - 1)),
        period_to=period_to,
        type1_metric=TYPE1_METRIC,
        ambulance_prefix=AMBULANCE_PREFIX,
    )
    known = bool(frame["type1_known"].any()) if not frame.empty else False
    found = {
        str(r.org_code): trust_kind(
            type1=_true(r.type1), ambulance=_true(r.ambulance), type1_known=known
        )
        for r in frame.itertuples(index=False)
    }
    # A trust with no reports at all in the year: nothing says what it is.
    return {c: found.get(c, "trust" if not known else "other") for c in codes}


def _true(value: object) -> bool:
    return bool(value) and not pd.isna(value)


def peer_group(query: QueryFn, chosen: Org, candidates: list[Org], period_to: date) -> PeerGroup:
    """The candidates of the chosen organisation's kind (trusts by what they report)."""
    same_level = [o for o in candidates if o.org_type == chosen.org_type]
    if chosen.org_type != "trust":
        return PeerGroup(chosen.org_type, tuple(o.code for o in same_level))
    codes = [o.code for o in same_level]
    if chosen.code not in codes:
        codes.append(chosen.code)
    kind_of = kinds(query, codes, period_to)
    mine = kind_of[chosen.code]
    return PeerGroup(mine, tuple(c for c in codes if kind_of[c] == mine))
