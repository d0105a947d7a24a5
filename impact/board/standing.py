"""Each metric's outlook and place among its peers as plain data, for the command line.

``python -m impact answer --json`` gives, per metric, ``target_outlook`` (one entry per
dated target still to be judged, :mod:`impact.board.outlook`) and ``peer_position`` (its
rank and quarter among like peers, :mod:`impact.board.league`, and its place on their
funnel plot, :mod:`impact.board.funnel`), from the same functions the pages call.
"""

from __future__ import annotations

import math
from datetime import date

from impact.board.funnel import FunnelPosition, funnel_position
from impact.board.league import league_table
from impact.board.model import OrgBoard, QueryFn
from impact.board.outlook import target_outlooks
from impact.board.peers import compare_with_peers
from impact.orgs import OrgTree


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _funnel(position: FunnelPosition) -> dict[str, object]:
    row = position.chosen
    out: dict[str, object] = {
        "applies": position.applies,
        "sentence": position.sentence,
        "period": position.period.isoformat() if position.period else None,
        "peers": len(position.rows),
        "outlier": position.outlier,
    }
    for key in ("value", "target", "ll95", "ul95", "ll99", "ul99", "z"):
        out[key] = _number(row[key]) if row is not None else None
    out["od_adjusted"] = bool(row["od_adjusted"]) if row is not None else None
    return out


def metric_standing(
    query: QueryFn, tree: OrgTree, board: OrgBoard, *, scope: str, period_to: date
) -> dict[str, dict[str, object]]:
    """``metric_id → {"target_outlook": [...], "peer_position": {...}}`` for the board."""
    league = league_table(
        query, tree, board.answers, org_code=board.org_code, scope=scope, period_to=period_to
    )
    out: dict[str, dict[str, object]] = {}
    for answer in board.answers:
        m = answer.metric
        peers = compare_with_peers(
            query, tree, org_code=board.org_code, metric_id=m.metric_id, scope=scope,
            period_to=period_to,
        )  # fmt: skip
        row = league.row(m.metric_id)
        position = {
            "scope": scope,
            "peer_group": league.group.noun(),
            "place": league.place,
            **(row.to_dict() if row else {}),
            "funnel": _funnel(funnel_position(query, peers, m)),
        }
        out[m.metric_id] = {
            "target_outlook": [o.to_dict() for o in target_outlooks(answer)],
            "peer_position": position,
        }
    return out
