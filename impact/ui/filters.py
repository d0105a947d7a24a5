"""The global filters, drawn in the entry point's sidebar and kept in the URL.

Drawn by ``dashboard.py`` on every run, before the page, so they persist across page
switches. The URL is the source of truth when it changes from outside (a pasted board
paper link, a link from the overview to a metric's detail); otherwise the widgets are, and
their values are written back to the URL, so the address bar always reproduces the view.
Parsing and validation live in :mod:`impact.filters` (pure, tested without Streamlit).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from html import escape

import streamlit as st

from impact.calendar import month_long
from impact.filters import FILTER_KEYS, FilterState, parse_filters
from impact.orgs import PEER_SCOPES, OrgTree, level_label
from impact.priorities import BOARD_PRIORITIES, PRIORITY_TITLES
from impact.ui import data

_SYNCED = "_filters_url"  # the URL parameters this session last wrote
_STATE = "_filters_state"  # the FilterState in force (survives pages without some widgets)
_NOTES = "_filters_notes"
_WHOLE = ""  # the "whole region / whole ICB" choice of a lower level

K_LEVEL = ("f_level1", "f_level2", "f_level3")
K_FROM = "f_from"
K_TO = "f_to"
K_PRIORITY = "f_priority"
K_COMPARE = "f_compare"
K_PEERS = "f_peers"


def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in FILTER_KEYS if k in st.query_params}


def _levels(tree: OrgTree, org_code: str | None) -> list[str]:
    """The picker's three levels (region, ICB, organisation) that select ``org_code``."""
    if not org_code or org_code not in tree:
        return [_WHOLE, _WHOLE, _WHOLE]
    chain = [tree.get(org_code), *tree.ancestors(org_code)]
    chain = [o for o in reversed(chain) if o.org_type != "nation"]
    codes = [o.code for o in chain][:3]
    return codes + [_WHOLE] * (3 - len(codes))


def _top_level(tree: OrgTree) -> list[str]:
    roots = tree.children(None)
    if roots and all(o.org_type == "nation" for o in roots):
        roots = [c for r in roots for c in tree.children(r.code)]
    return [o.code for o in roots]


def _seed(state: FilterState, tree: OrgTree) -> None:
    """Set every widget from the state in force, before the widgets are drawn.

    The state (not the widgets' own memory) is the truth: widget changes reach it through
    their ``on_change`` callbacks, which run before the rerun that draws the new view.
    """
    for key, code in zip(K_LEVEL, _levels(tree, state.org_code), strict=True):
        st.session_state[key] = code
    st.session_state[K_FROM] = state.period_from
    st.session_state[K_TO] = state.period_to
    st.session_state[K_PRIORITY] = state.priority
    st.session_state[K_COMPARE] = state.compare
    st.session_state[K_PEERS] = state.peers


def _update(**changes: object) -> None:
    state: FilterState = st.session_state[_STATE]
    st.session_state[_STATE] = replace(state, **changes)


def _on_level(depth: int) -> None:
    """A level of the organisation picker changed: the org is that choice (or its parent)."""
    value = st.session_state.get(K_LEVEL[depth])
    if value == _WHOLE:
        value = st.session_state.get(K_LEVEL[depth - 1]) if depth else None
    if value:
        _update(org_code=value)


def _on_period(changed: str) -> None:
    """A period end changed; if it crosses the other end, the other end follows it."""
    start, end = st.session_state[K_FROM], st.session_state[K_TO]
    if start > end:
        start, end = (start, start) if changed == K_FROM else (end, end)
    _update(period_from=start, period_to=end)


def _on_simple(key: str, field: str) -> None:
    _update(**{field: st.session_state[key]})


def _level_label(tree: OrgTree, codes: list[str]) -> str:
    """The picker level's label, naming the kinds of organisation it lists.

    Published data mixes kinds on one level (a region holds its ICBs and, directly, the
    independent providers and urgent treatment centres that have no ICB), so the label
    names the main kind and says when others sit beside it.
    """
    return level_label({tree.get(c).org_type for c in codes if c in tree})


def _out_of_scope(in_scope: OrgTree | None) -> bool:
    """Whether the state in force names an organisation the user may not choose (their
    scope changed since it was set)."""
    state = st.session_state.get(_STATE)
    return (
        in_scope is not None
        and state is not None
        and state.org_code is not None
        and state.org_code not in in_scope
    )


def draw_filters(
    tree: OrgTree,
    months: list[date],
    metric_ids: list[str],
    in_scope: OrgTree | None = None,
) -> tuple[FilterState, list[str]]:
    """Draw the sidebar filters; the state they describe and any notes about the URL.

    ``in_scope`` is the tree of the organisations the user may choose (sign-in on): the
    picker lists only those, and a link naming another falls back with a note.
    """
    url = _url_params()
    notes: list[str] = []
    comparable = {k: v for k, v in url.items() if k != "metric"}
    if (
        (url and comparable != st.session_state.get(_SYNCED))
        or _STATE not in st.session_state
        or _out_of_scope(in_scope)
    ):
        state, notes = parse_filters(url, tree, months, metric_ids, data.org_months, in_scope)
        st.session_state[_STATE] = state
    metric = url.get("metric", [None])[-1] if url.get("metric") else None
    picker = tree if in_scope is None else in_scope
    _seed(st.session_state[_STATE], picker)

    with st.sidebar:
        st.header("Filters")
        chosen = _draw_org_picker(picker)
        if chosen and chosen != st.session_state[_STATE].org_code:
            _update(org_code=chosen)
        _full_name_note(tree, st.session_state[_STATE].org_code)
        _draw_period(months)
        st.checkbox(
            "Compare with its ICB and region",
            key=K_COMPARE,
            on_change=_on_simple,
            args=(K_COMPARE, "compare"),
            help="Show the chosen organisation beside the ICB and region it belongs to.",
        )
        st.radio(
            "Peer comparison within",
            PEER_SCOPES,
            key=K_PEERS,
            on_change=_on_simple,
            args=(K_PEERS, "peers"),
            format_func=lambda p: {
                "parent": "the organisation's ICB (or region)",
                "region": "the whole region",
                "england": "the whole of England",
            }[p],
        )

    state = replace(st.session_state[_STATE], metric=metric if metric in metric_ids else None)
    st.session_state[_STATE] = state
    _write_url(state)
    return state, notes


def draw_priority_filter() -> str:
    """The overview's priority filter (drawn by that page only, kept in the URL)."""
    options = ("all", *BOARD_PRIORITIES)
    st.radio(
        "Recovery priority",
        options,
        key=K_PRIORITY,
        horizontal=True,
        format_func=lambda p: "All priorities" if p == "all" else PRIORITY_TITLES[p],
        on_change=_on_simple,
        args=(K_PRIORITY, "priority"),
    )
    return st.session_state[_STATE].priority


def _draw_org_picker(tree: OrgTree) -> str | None:
    """Region → ICB → organisation; the deepest level chosen is the organisation on view."""
    chosen: str | None = None
    parent_options = _top_level(tree)
    for depth, key in enumerate(K_LEVEL):
        if not parent_options:
            break
        options = parent_options if depth == 0 else [_WHOLE, *parent_options]
        if st.session_state.get(key) not in options:
            st.session_state[key] = options[0]
        whole = f"All of {tree.name(chosen)}" if chosen else ""
        value = st.selectbox(
            _level_label(tree, parent_options),
            options,
            key=key,
            on_change=_on_level,
            args=(depth,),
            format_func=lambda c, whole=whole: whole if c == _WHOLE else tree.name(c),
        )
        if value == _WHOLE:
            break
        chosen = value
        parent_options = [o.code for o in tree.children(chosen)]
    return chosen


def _full_name_note(tree: OrgTree, org_code: str | None) -> None:
    """The organisation on view, named in full under the pickers.

    A select box shows its value on one line, so a long trust name is cut off at the box's
    edge; this line wraps, so the whole name (and its code) can always be read.
    """
    if org_code and org_code in tree:
        st.html(
            f'<p class="org-on-view"><span>Showing:</span> '
            f"<strong>{escape(tree.name(org_code))}</strong> ({escape(org_code)})</p>"
        )


def _draw_period(months: list[date]) -> None:
    """Two month pickers (first and last month): plain to use from the keyboard."""
    if len(months) < 2:
        only = months[0] if months else date.today().replace(day=1)
        st.caption(f"Period: {month_long(only)} (the only month in the data)")
        return
    for key, label in ((K_FROM, "From month"), (K_TO, "To month")):
        if st.session_state.get(key) not in months:
            st.session_state[key] = months[0] if key == K_FROM else months[-1]
        st.selectbox(
            label,
            months,
            key=key,
            format_func=month_long,
            on_change=_on_period,
            args=(key,),
        )


def _write_url(state: FilterState) -> None:
    """Make the address bar match the state (only the keys that differ are written)."""
    wanted = state.to_params()
    current = {k: st.query_params.get(k) for k in FILTER_KEYS if k in st.query_params}
    for key in FILTER_KEYS:
        if key in wanted and current.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in current:
            del st.query_params[key]
    st.session_state[_SYNCED] = {k: [v] for k, v in wanted.items() if k != "metric"}
