"""The board's filters as they travel in a URL: parsed, validated, and written back.

A board paper carries a link; pasting it must reproduce exactly that view. So every filter
lives in the query string (``org``, ``from``, ``to``, ``priority``, ``compare``, ``metric``,
``peers``) and this module turns that string into a :class:`FilterState`. Whatever is
unknown or malformed falls back to its default with a note in words the page shows, never
an exception. Pure Python: no Streamlit here (the sidebar widgets are
:mod:`impact.ui.filters`). The organisation tree is :mod:`impact.orgs`, the priorities
:mod:`impact.priorities`, and every month calculation :mod:`impact.calendar`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from impact.calendar import add_months, month_key, parse_month
from impact.orgs import PEER_SCOPES, OrgTree
from impact.priorities import BOARD_PRIORITIES

__all__ = [
    "DEFAULT_MONTHS",
    "FILTER_KEYS",
    "FilterState",
    "default_period",
    "parse_filters",
    "period_end",
]

#: How many months the period filter covers by default: two years of monthly points, enough
#: for an SPC baseline, counted back from the chosen organisation's newest month.
DEFAULT_MONTHS = 24
#: The URL parameters the dashboard owns (others, from other pages, are left alone).
FILTER_KEYS: tuple[str, ...] = ("org", "from", "to", "priority", "compare", "peers", "metric")


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
            "from": month_key(self.period_from),
            "to": month_key(self.period_to),
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

    @property
    def last_day(self) -> date:
        """The last day of the period (queries take the period's end inclusively)."""
        return period_end(self.period_to)


def period_end(month_start: date) -> date:
    """The last day of the month that starts on ``month_start`` (for inclusive queries)."""
    return date.fromordinal(add_months(month_start, 1).toordinal() - 1)


def default_period(months: Sequence[date]) -> tuple[date, date]:
    """The latest :data:`DEFAULT_MONTHS` months present (or everything when fewer).

    Pass the months the chosen organisation has figures for (see :func:`parse_filters`):
    a folder of published files spans years some trusts never report, and a default
    period ending after a trust's last figure, or mostly before its first, shows it empty.
    """
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


def _parse_org(
    raw: str | None, tree: OrgTree, notes: list[str], in_scope: OrgTree | None = None
) -> str | None:
    choosable = tree if in_scope is None else in_scope
    org_code = choosable.default_org()
    if org_code is None and len(tree):
        notes.append("None of the organisations you have access to is in the data yet.")
        return None
    if raw is None or not raw.strip():
        return org_code
    if raw.strip() in choosable:
        return raw.strip()
    if raw.strip() in tree:
        notes.append(
            f"The organisation “{raw.strip()}” in the link is not in your scope, so "
            f"{choosable.name(org_code) if org_code else 'no organisation'} is shown."
        )
        return org_code
    notes.append(
        f"The organisation code “{raw}” in the link is not in the data, "
        f"so {tree.name(org_code) if org_code else 'no organisation'} is shown."
    )
    return org_code


def _parse_period(
    params: Mapping[str, object],
    months: Sequence[date],
    notes: list[str],
    own_months: Sequence[date] = (),
) -> tuple[date, date]:
    """The period's two ends: each checked alone, clamped into the data, then together.

    The default comes from ``own_months`` (the organisation's months) when it has any,
    else from every month in the data; a chosen end is clamped into every month.
    """
    default_from, default_to = default_period(own_months or months)
    ends = {"from": default_from, "to": default_to}
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
                f"The period {label} {month_key(parsed)} is outside the data "
                f"({month_key(months[0])} to {month_key(months[-1])}), "
                "so the nearest available month is used."
            )
            parsed = min(max(parsed, months[0]), months[-1])
        ends[key] = parsed
    if ends["from"] > ends["to"]:
        notes.append(
            f"The period starts ({month_key(ends['from'])}) after it ends "
            f"({month_key(ends['to'])}), so the default period is used."
        )
        return default_from, default_to
    return ends["from"], ends["to"]


def parse_filters(
    params: Mapping[str, object],
    tree: OrgTree,
    months: Sequence[date],
    metric_ids: Iterable[str] = (),
    org_months: Callable[[str], Sequence[date]] | None = None,
    in_scope: OrgTree | None = None,
) -> tuple[FilterState, list[str]]:
    """The filter state a URL asks for, and a note for every value that was not usable.

    Each parameter is checked on its own, so one bad value never discards the good ones.
    Notes name the value and the default used instead, in words a board member follows.
    ``org_months`` gives the months an organisation has figures for; with it the default
    period is the organisation's latest :data:`DEFAULT_MONTHS` months. ``in_scope`` is the
    tree of the organisations the user may choose (sign-in on): another organisation in
    the link gets a "not in your scope" note and the first of the user's own instead.
    """
    notes: list[str] = []
    known_metrics = set(metric_ids)
    org_code = _parse_org(_single(params.get("org")), tree, notes, in_scope)
    own = org_months(org_code) if org_months is not None and org_code else ()
    period_from, period_to = _parse_period(params, months, notes, own)

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
