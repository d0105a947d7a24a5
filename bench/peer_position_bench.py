"""How long one organisation's funnel plots and league table take, per peer scope; prints.

For each scope (the ICB, the region, England) it times, on a data folder's own store, the
peer comparison plus the funnel of every board metric, and the league table of them all:
the work a priority page and the "Where do we stand?" page do when nothing is cached yet.
Run: ``python -m bench.peer_position_bench [data folder] [org code]`` (default: the demo
and its first trust).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from impact import PROJECT_ROOT
from impact.board import build_board
from impact.board.funnel import funnel_position
from impact.board.league import league_table
from impact.board.peers import compare_with_peers
from impact.calendar import month_starts
from impact.filters import default_period, period_end
from impact.orgs import PEER_SCOPES, OrgTree
from impact.store import open_store


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else PROJECT_ROOT / "data" / "demo"
    with tempfile.TemporaryDirectory() as cache:
        store = open_store(folder, Path(cache))
        store.refresh()
        tree = OrgTree.from_frame(store.query("board_org_tree"))
        org = argv[1] if len(argv) > 1 else tree.of_type("trust")[0].code
        months = month_starts(store.query("board_org_months", org_code=org)["month"])
        start, end = default_period(months)
        board = build_board(store.query, org, start, end)
        to = period_end(end)
        print(f"{tree.name(org)} ({org}), {len(board.answers)} metrics to {end:%b %Y}")
        for scope in PEER_SCOPES:
            began = time.perf_counter()
            on_funnel = 0
            for answer in board.answers:
                peers = compare_with_peers(
                    store.query, tree, org_code=org, metric_id=answer.metric.metric_id,
                    scope=scope, period_to=to,
                )  # fmt: skip
                on_funnel = max(
                    on_funnel, len(funnel_position(store.query, peers, answer.metric).rows)
                )
            funnels = time.perf_counter() - began
            league = league_table(
                store.query, tree, board.answers, org_code=org, scope=scope, period_to=to
            )
            ranked = time.perf_counter() - began - funnels
            print(
                f"  {scope:<8} {len(league.group.codes):>4} peers, "
                f"up to {on_funnel:>4} on a funnel, "
                f"peers and funnel {1000 * funnels / max(len(board.answers), 1):6.0f} ms a metric, "
                f"league table {1000 * ranked:6.0f} ms"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
