"""The board's filters as they travel in a URL: parsed, validated, and written back.

A board paper carries a link; pasting it must reproduce exactly that view. So every filter
lives in the query string (``org``, ``from``, ``to``, ``priority``, ``compare``, ``metric``,
``peers``) and this module turns that string into a :class:`FilterState`. Whatever is
unknown or malformed falls back to its default with a note in words the page shows, never
an exception. It also walks the organisation hierarchy (region → ICB → trust), which both
the organisation picker and the peer comparison need. Pure Python: no Streamlit here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

import pandas as pd

#: Priorities a board reviews (the catalogue's ``improvement`` has its own pages).
BOARD_PRIORITIES: tuple[str, ...] = ("elective", "uec", "primary_care")
PRIORITY_TITLES: dict[str, str] = {
    "elective": "Elective care",
    "uec": "Urgent & emergency care",
    "primary_care": "Primary care",
}
#: Which organisations a peer comparison shows: those sharing the parent or the region.
PEER_SCOPES: tuple[str, ...] = ("parent", "region")
#: How many months the period filter covers by default (three years of monthly points).
DEFAULT_MONTHS = 36

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Org:
    """One organisation in the hierarchy."""

    code: str
    name: str
    org_type: str
    parent_code: str | None


class OrgTree:
    """The organisation hierarchy, walkable both ways (parent and children)."""

    def __init__(self, orgs: Iterable[Org]):
        self._orgs: dict[str, Org] = {o.code: o for o in orgs}
        self._children: dict[str | None, list[Org]] = {}
        for org in self._orgs.values():
            parent = org.parent_code if org.parent_code in self._orgs else None
            self._children.setdefault(parent, []).append(org)
        for kids in self._children.values():
            kids.sort(key=lambda o: o.name)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> OrgTree:
        """Build from rows with ``org_code, org_name, org_type, parent_code``."""
        orgs = []
        for row in frame.itertuples(index=False):
            parent = row.parent_code if isinstance(row.parent_code, str) else None
            orgs.append(Org(str(row.org_code), str(row.org_name), str(row.org_type), parent))
        return cls(orgs)

    def __contains__(self, code: object) -> bool:
        return code in self._orgs

    def __len__(self) -> int:
        return len(self._orgs)

    def get(self, code: str) -> Org:
        return self._orgs[code]

    def name(self, code: str) -> str:
        return self._orgs[code].name if code in self._orgs else code

    def children(self, code: str | None, org_type: str | None = None) -> list[Org]:
        """Direct children (``None`` = the top of the tree), optionally of one type."""
        kids = self._children.get(code, [])
        return [k for k in kids if org_type is None or k.org_type == org_type]

    def of_type(self, org_type: str) -> list[Org]:
        return sorted((o for o in self._orgs.values() if o.org_type == org_type), key=_by_name)

    def ancestors(self, code: str) -> list[Org]:
        """Parent first, up to the top; stops on a cycle rather than looping forever."""
        chain: list[Org] = []
        seen = {code}
        org = self._orgs.get(code)
        while org and org.parent_code in self._orgs and org.parent_code not in seen:
            seen.add(org.parent_code)
            org = self._orgs[org.parent_code]
            chain.append(org)
        return chain

    def ancestor_of_type(self, code: str, org_type: str) -> Org | None:
        if code in self._orgs and self._orgs[code].org_type == org_type:
            return self._orgs[code]
        return next((a for a in self.ancestors(code) if a.org_type == org_type), None)

    def descendants(self, code: str, org_type: str) -> list[Org]:
        """Every organisation of ``org_type`` below ``code`` (any depth)."""
        found: list[Org] = []
        stack = list(self.children(code))
        seen: set[str] = set()
        while stack:
            org = stack.pop()
            if org.code in seen:
                continue
            seen.add(org.code)
            if org.org_type == org_type:
                found.append(org)
            stack.extend(self.children(org.code))
        return sorted(found, key=_by_name)

    def peers(self, code: str, scope: str = "parent") -> list[Org]:
        """Organisations of the same type to compare with, the chosen one included.

        ``parent`` gives those sharing its parent (the trusts of its ICB); ``region`` those
        in the same region (every trust in the region). A top-level organisation is compared
        with the other top-level organisations of its type.
        """
        if code not in self._orgs:
            return []
        org = self._orgs[code]
        if scope == "region":
            region = self.ancestor_of_type(code, "region")
            if region is not None and region.code != code:
                return self.descendants(region.code, org.org_type)
        parent = org.parent_code if org.parent_code in self._orgs else None
        return self.children(parent, org.org_type)

    def default_org(self) -> str | None:
        """The first trust by name, else the first organisation: a concrete starting view."""
        for org_type in ("trust", "icb", "region"):
            orgs = self.of_type(org_type)
            if orgs:
                return orgs[0].code
        return min(self._orgs, default=None)


def _by_name(org: Org) -> str:
    return org.name


@dataclass(frozen=True)
class FilterState:
    """Everything that decides what the board sees; round-trips through the URL."""

    org_code: str | None
    period_from: date
    period_to: date
    priority: str = "all"
    compare: bool = False
    peers: str = "parent"
    metric: str | None = None

    def to_params(self) -> dict[str, str]:
        """Query-string parameters, defaults included, so a pasted link is explicit."""
        params = {
            "org": self.org_code or "",
            "from": month_text(self.period_from),
            "to": month_text(self.period_to),
        }
        if self.priority != "all":
            params["priority"] = self.priority
        if self.compare:
            params["compare"] = "1"
        if self.peers != "parent":
            params["peers"] = self.peers
        if self.metric:
            params["metric"] = self.metric
        return {k: v for k, v in params.items() if v}

    def query_string(self, **overrides: object) -> str:
        """``org=…&from=…`` for a link, with some fields replaced (e.g. ``metric``)."""
        return urlencode(replace(self, **overrides).to_params())  # type: ignore[arg-type]


#: The URL parameters the dashboard owns (others, from other pages, are left alone).
FILTER_KEYS: tuple[str, ...] = ("org", "from", "to", "priority", "compare", "peers", "metric")


def month_text(value: date) -> str:
    return f"{value.year:04d}-{value.month:02d}"


def parse_month(text: str) -> date | None:
    """``YYYY-MM`` (or a full ISO date) as the first of that month; ``None`` if malformed."""
    text = text.strip()
    if len(text) == 10 and re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        text = text[:7]
    match = _MONTH.match(text)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or year < 1900:
        return None
    return date(year, month, 1)


def month_starts(periods: Iterable[date | pd.Timestamp]) -> list[date]:
    """The distinct months present, sorted: the choices of the period filter."""
    months = {date(p.year, p.month, 1) for p in periods if p is not None and not pd.isna(p)}
    return sorted(months)


def add_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def default_period(months: Sequence[date]) -> tuple[date, date]:
    """The latest :data:`DEFAULT_MONTHS` months present (or everything when fewer)."""
    if not months:
        today = date.today().replace(day=1)
        return add_months(today, -(DEFAULT_MONTHS - 1)), today
    latest = months[-1]
    earliest = max(months[0], add_months(latest, -(DEFAULT_MONTHS - 1)))
    return earliest, latest


def _single(value: object) -> str | None:
    """A query parameter's value: the last one when repeated, ``None`` when absent."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return str(value[-1]) if value else None
    return str(value)


def parse_filters(
    params: Mapping[str, object],
    tree: OrgTree,
    months: Sequence[date],
    metric_ids: Iterable[str] = (),
) -> tuple[FilterState, list[str]]:
    """The filter state a URL asks for, and a note for every value that was not usable.

    Each parameter is checked on its own, so one bad value never discards the good ones.
    Notes name the value and the default used instead, in words a board member follows.
    """
    notes: list[str] = []
    default_from, default_to = default_period(months)
    known_metrics = set(metric_ids)

    org = _single(params.get("org"))
    org_code = tree.default_org()
    if org is not None and org.strip():
        if org.strip() in tree:
            org_code = org.strip()
        else:
            notes.append(
                f"The organisation code “{org}” in the link is not in the data, "
                f"so {tree.name(org_code) if org_code else 'no organisation'} is shown."
            )

    period_from, period_to = default_from, default_to
    for key, label in (("from", "start"), ("to", "end")):
        raw = _single(params.get(key))
        if raw is None or not raw.strip():
            continue
        parsed = parse_month(raw)
        if parsed is None:
            notes.append(
                f"The period {label} “{raw}” in the link is not a month (YYYY-MM), "
                "so the default period is used."
            )
            continue
        if months and not months[0] <= parsed <= months[-1]:
            notes.append(
                f"The period {label} {month_text(parsed)} is outside the data "
                f"({month_text(months[0])} to {month_text(months[-1])}), "
                "so the nearest available month is used."
            )
            parsed = min(max(parsed, months[0]), months[-1])
        if key == "from":
            period_from = parsed
        else:
            period_to = parsed
    if period_from > period_to:
        notes.append(
            f"The period starts ({month_text(period_from)}) after it ends "
            f"({month_text(period_to)}), so the default period is used."
        )
        period_from, period_to = default_from, default_to

    priority = (_single(params.get("priority")) or "all").strip()
    if priority not in ("all", *BOARD_PRIORITIES):
        notes.append(f"The priority “{priority}” in the link is not known, so all are shown.")
        priority = "all"

    compare_raw = (_single(params.get("compare")) or "0").strip().lower()
    if compare_raw not in ("0", "1", "true", "false", "yes", "no"):
        notes.append(f"The comparison setting “{compare_raw}” is not understood, so it is off.")
    compare = compare_raw in ("1", "true", "yes")

    peers = (_single(params.get("peers")) or "parent").strip()
    if peers not in PEER_SCOPES:
        notes.append(
            f"The peer group “{peers}” is not known, so the parent organisation's is used."
        )
        peers = "parent"

    metric = _single(params.get("metric"))
    metric = metric.strip() if metric else None
    if metric and known_metrics and metric not in known_metrics:
        notes.append(f"The metric “{metric}” in the link is not in the catalogue.")
        metric = None

    state = FilterState(
        org_code=org_code,
        period_from=period_from,
        period_to=period_to,
        priority=priority,
        compare=compare,
        peers=peers,
        metric=metric or None,
    )
    return state, notes


def period_end(month_start: date) -> date:
    """The last day of the month that starts on ``month_start`` (for inclusive queries)."""
    return date.fromordinal(add_months(month_start, 1).toordinal() - 1)


_LEVEL_WORDS = {
    "region": "Region",
    "icb": "Integrated care board (ICB)",
    "trust": "Trust",
    "pcn": "Primary care network",
    "practice": "Practice",
}


def level_label(types: set[str]) -> str:
    """The label of an organisation-picker level listing organisations of these types."""
    types = set(types)
    if not types:
        return "Organisation"
    if types == {"trust", "pcn"}:
        return "Trust or primary care network"
    for main in ("region", "icb", "trust", "pcn", "practice"):
        if main in types:
            word = _LEVEL_WORDS[main]
            return word if types == {main} else f"{word} or other organisation"
    return "Organisation"
