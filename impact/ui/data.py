"""The one place pages get their data: the store, cached queries, the board and comparisons.

Pages never open the store or run a query themselves; they call these functions, which go
through :mod:`impact.board` (and so through the named SQL in ``queries/``) with the
caching Streamlit needs.

One :class:`~impact.store.Store` per process (``st.cache_resource``): it holds the DuckDB
database, and every query runs on its own cursor, so concurrent sessions never share a
busy connection. Query results and board answers are cached with ``st.cache_data`` keyed
on the store's fingerprint, so when an analyst drops in a new extract the next rerun sees
a new fingerprint and recomputes, while an unchanged folder is served from the cache.

Organisation scopes are enforced here, where data is read: every result leaves without
the rows of organisations the signed-in user may not see (:mod:`impact.access.visibility`
states the rule per source), so no page, chart, CSV or pack can show them. Every cache
shared between sessions is keyed on the set of organisations hidden from the session too.

Built figures are kept as well (:func:`figure`), once per data version, hidden set and what
they show, because building a plotly figure costs far more than drawing it: a priority page
of a dozen metrics would otherwise rebuild two dozen figures on every rerun.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Hashable
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from impact import config
from impact.access import OrgScope, hidden_orgs, without_hidden
from impact.board import MetricAnswer, OrgBoard, build_board
from impact.board.funnel import FunnelPosition, funnel_position
from impact.board.league import League, league_table
from impact.board.model import QueryFn
from impact.board.peers import Comparison, Peers, compare_with_peers, comparison
from impact.board.projects import metric_projects
from impact.board.rtt_basis import rtt_basis_metrics
from impact.calendar import month_starts
from impact.capability.view import CapabilityView, build_capability
from impact.filters import FilterState
from impact.improvement import (
    ImprovementView,
    assurance_from_board,
    build_improvement,
    scope_codes,
)
from impact.orgs import OrgTree
from impact.store import Store, open_store
from impact.ui.access import current_access


@st.cache_resource(show_spinner=False)
def _store(data_dir: str) -> Store:
    return open_store(data_dir)


@functools.lru_cache(maxsize=16)
def _resolved_folder(_configured: str | None, _cwd: str) -> str:
    return str(config.data_dir())


def _folder() -> str:
    """The configured data folder, resolved once per setting (every rerun asks many times,
    and resolving a path asks the file system each time)."""
    return _resolved_folder(os.environ.get("IMPACT_DATA_DIR"), os.getcwd())


def get_store() -> Store:
    """The process-wide store for the configured data folder."""
    return _store(_folder())


def refresh() -> str:
    """Pick up added, changed or removed extracts; the fingerprint after doing so.

    Called once per script run by the entry point, before any page reads data.
    """
    store = get_store()
    store.refresh()
    return store.fingerprint


def _data_version() -> str:
    """The cache key of the current data: the folder and its fingerprint.

    The folder is part of the key so that two folders whose files happen to share names,
    sizes and times never share cached results.
    """
    return f"{_folder()}|{get_store().fingerprint}"


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_query(version: str, name: str, params: dict) -> pd.DataFrame:
    return get_store().query(name, **params)


def _unscoped(name: str, **params: object) -> pd.DataFrame:
    return _cached_query(_data_version(), name, params).copy()


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_hidden(version: str, scope_key: tuple[str, ...]) -> frozenset[str]:
    store = get_store()
    published = [r.path for r in store.files() if r.origin != "data" or r.reader]
    unpublished = store.query("access_unpublished_orgs", published=published)["org_code"]
    return hidden_orgs(OrgScope(frozenset(scope_key)), org_tree(), unpublished)


def hidden() -> frozenset[str]:
    """The organisations whose rows this session may not see (none when the app is open)."""
    scope = current_access().scope
    if scope.is_everything:
        return frozenset()
    return _cached_hidden(_data_version(), scope.key)


def scoped(hidden_codes: frozenset[str]) -> QueryFn:
    """A query function that leaves out the rows of ``hidden_codes``."""

    def run(name: str, **params: object) -> pd.DataFrame:
        return without_hidden(_unscoped(name, **params), hidden_codes)

    return run


def query(name: str, **params: object) -> pd.DataFrame:
    """A named query's result for the current data, without the rows this session may not
    see (a copy: callers may modify it)."""
    return without_hidden(_unscoped(name, **params), hidden())


@st.cache_data(show_spinner=False, max_entries=128)
def _cached_board(
    version: str, hidden_codes: frozenset[str], org_code: str, period_from: date, period_to: date
) -> OrgBoard:
    return build_board(scoped(hidden_codes), org_code, period_from, period_to)


def board(org_code: str, period_from: date, period_to: date) -> OrgBoard:
    """Every board answer for one organisation and period, computed once per data version
    (and per set of organisations hidden from the session)."""
    return _cached_board(_data_version(), hidden(), org_code, period_from, period_to)


def newest_file_time() -> pd.Timestamp | None:
    """When the newest extract file was last modified (for the "data as at" stamp)."""
    times = [report.mtime for report in get_store().files() if report.origin == "data"]
    return pd.Timestamp(max(times), unit="s") if times else None


@st.cache_data(show_spinner=False, max_entries=8)
def _cached_tree(version: str) -> OrgTree:
    return OrgTree.from_frame(get_store().query("board_org_tree"))


def org_tree() -> OrgTree:
    """The organisation hierarchy of the current data."""
    return _cached_tree(_data_version())


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_scoped_tree(version: str, scope_key: tuple[str, ...]) -> OrgTree:
    return OrgScope(frozenset(scope_key)).restrict(org_tree())


def scoped_tree() -> OrgTree:
    """The organisations this session may choose: the picker's tree."""
    scope = current_access().scope
    if scope.is_everything:
        return org_tree()
    return _cached_scoped_tree(_data_version(), scope.key)


def months() -> list[date]:
    """The months that hold observations: the choices of the period filter."""
    return month_starts(query("board_periods")["month"])


def org_months(org_code: str) -> list[date]:
    """The months one organisation has figures for: where its default period is taken from."""
    return month_starts(query("board_org_months", org_code=org_code)["month"])


def metric_names() -> dict[str, str]:
    """Every catalogue metric's id and name, in catalogue order."""
    catalogue = query("board_metrics")
    return dict(zip(catalogue["metric_id"], catalogue["metric_name"], strict=True))


def _metric_of(answer: MetricAnswer) -> dict[str, str]:
    return {"org_code": answer.org_code, "metric_id": answer.metric.metric_id}


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_peers(
    version: str,
    hidden_codes: frozenset[str],
    org_code: str,
    metric_id: str,
    scope: str,
    period_to: date,
    _tree: OrgTree,
) -> Peers:
    # The tree is left out of the key: it is the data version's own (org_tree()).
    return compare_with_peers(
        scoped(hidden_codes),
        _tree,
        scope=scope,
        period_to=period_to,
        org_code=org_code,
        metric_id=metric_id,
    )


def peers(answer: MetricAnswer, state: FilterState, tree: OrgTree) -> Peers:
    """Each like peer's latest figure of the answer's metric (the filters choose the area)."""
    return _cached_peers(
        _data_version(),
        hidden(),
        answer.org_code,
        answer.metric.metric_id,
        state.peers,
        state.last_day,
        tree,
    )


def funnel(answer: MetricAnswer, state: FilterState, tree: OrgTree) -> FunnelPosition:
    """The answer's place on the funnel plot of the same like peers as :func:`peers`."""
    return funnel_position(query, peers(answer, state, tree), answer.metric)


def league(board: OrgBoard, state: FilterState, tree: OrgTree) -> League:
    """Every board metric's rank among the like peers the filters choose."""
    return league_table(
        query,
        tree,
        board.answers,
        org_code=board.org_code,
        scope=state.peers,
        period_to=state.last_day,
    )


def compared(answer: MetricAnswer, state: FilterState, tree: OrgTree) -> Comparison:
    """The answer's organisation beside its ICB and region over the filters' period."""
    return comparison(
        query,
        tree,
        period_from=state.period_from,
        period_to=state.last_day,
        **_metric_of(answer),
    )


@st.cache_resource(show_spinner=False, max_entries=2048)
def _cached_figure(
    version: str,
    hidden_codes: frozenset[str],
    key: tuple[Hashable, ...],
    _build: Callable[[], go.Figure],
) -> go.Figure:
    return _build()


def figure(key: tuple[Hashable, ...], build: Callable[[], go.Figure]) -> go.Figure:
    """The figure ``build`` makes, built once per data version, hidden set and ``key``.

    ``key`` must name everything the figure shows (chart kind, organisation, metric, the
    filters' period and scope, its size). The figure is shared by every session with the
    same hidden set: draw it, never change it (build a changed copy under a key of its own).
    """
    return _cached_figure(_data_version(), hidden(), key, build)


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_improvement(
    version: str,
    hidden_codes: frozenset[str],
    org_code: str,
    period_from: date,
    period_to: date,
    last_day: date,
) -> ImprovementView:
    the_board = _cached_board(version, hidden_codes, org_code, period_from, period_to)
    return build_improvement(
        scoped(hidden_codes),
        scope_codes(org_tree(), org_code),
        period_from,
        last_day,
        assurance_from_board(the_board),
        last_day,
    )


def improvement(state: FilterState) -> ImprovementView:
    """The Improvement activity page's content for the organisation (and those within it)
    over the filters' period, computed once per data version and hidden set."""
    assert state.org_code is not None
    return _cached_improvement(
        _data_version(),
        hidden(),
        state.org_code,
        state.period_from,
        state.period_to,
        state.last_day,
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_capability(
    version: str,
    hidden_codes: frozenset[str],
    org_code: str,
    scope: str,
    period_from: date,
    last_day: date,
) -> CapabilityView:
    tree = org_tree()
    return build_capability(
        scoped(hidden_codes),
        org_code=org_code,
        org_name=tree.name(org_code),
        peer_codes=[o.code for o in tree.peers(org_code, scope)],
        period_from=period_from,
        period_to=last_day,
    )


def capability(state: FilterState) -> CapabilityView:
    """The NHS IMPACT capability page's content for the organisation, its peers in the
    filters' scope and the period, computed once per data version and hidden set."""
    assert state.org_code is not None
    return _cached_capability(
        _data_version(),
        hidden(),
        state.org_code,
        state.peers,
        state.period_from,
        state.last_day,
    )


def projects_for(org_code: str, metric_id: str) -> pd.DataFrame:
    """The organisation's improvement projects aimed at one metric."""
    return metric_projects(query, org_code, metric_id)


def rtt_basis(org_code: str, tree: OrgTree) -> set[str]:
    """The organisation's metrics to say are on RTT provider basis (an ICB's, from the file)."""
    if org_code not in tree:
        return set()
    readers = {report.path: report.reader for report in get_store().files()}
    files = query("data_status_metric_files", org_code=org_code)
    return rtt_basis_metrics(tree.get(org_code).org_type, files, readers)
