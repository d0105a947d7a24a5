"""Each metric's outlook and funnel plot in the board pack, as on the priority pages.

The pack's metric entries are assembled first (:mod:`impact.pack.assemble`); this adds to
each the outlook line of every dated target (:func:`impact.board.outlook.target_outlooks`)
and its place among like peers on a funnel plot (:func:`impact.board.funnel.funnel_position`
and :func:`impact.charts.funnel.funnel_figure`), from the same functions the pages call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from impact.board import OrgBoard
from impact.board.funnel import funnel_position
from impact.board.model import QueryFn
from impact.board.outlook import target_outlooks
from impact.board.peers import compare_with_peers
from impact.charts.funnel import position_figure
from impact.orgs import OrgTree
from impact.pack.model import MetricEntry, PrioritySection


def _with_standing(
    entry: MetricEntry, board: OrgBoard, query: QueryFn, tree: OrgTree, scope: str, to: date
) -> MetricEntry:
    answer = board.answer(entry.metric_id)
    if answer is None:
        return entry
    peers = compare_with_peers(
        query, tree, org_code=board.org_code, metric_id=entry.metric_id, scope=scope, period_to=to
    )
    position = funnel_position(query, peers, answer.metric)
    figure = position_figure(position, height=380) if position.applies else None
    return replace(
        entry,
        outlook=[o.sentence for o in target_outlooks(answer)],
        funnel_sentence=position.sentence,
        funnel_figure=figure,
    )


def with_standing(
    priorities: Sequence[PrioritySection],
    board: OrgBoard,
    query: QueryFn,
    tree: OrgTree,
    *,
    scope: str,
    period_to: date,
) -> list[PrioritySection]:
    """The sections with each metric's outlook lines and funnel plot added."""
    return [
        replace(
            p,
            metrics=[_with_standing(m, board, query, tree, scope, period_to) for m in p.metrics],
        )
        for p in priorities
    ]
