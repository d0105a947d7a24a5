"""The arguments several commands share, parsed and checked against the data in one place.

``answer`` and ``pack`` both take an organisation and a period and must agree on what a
good one is: a known organisation code, months written ``YYYY-MM``, a period that does not
end before it starts, and the same default (the latest 36 months with data) as the
dashboard's period filter. :func:`board_scope` applies those rules; a broken rule raises
:class:`ArgumentProblem`, which the command prints (:func:`fail`) with exit code 2.

The module name starts with an underscore so ``python -m impact`` does not list it as a
command.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date

from impact.calendar import month_key, month_starts, parse_month
from impact.filters import default_period
from impact.orgs import OrgTree
from impact.store import Store, open_store

#: The exit code for arguments that do not fit the data.
BAD_ARGUMENTS = 2


class ArgumentProblem(ValueError):
    """The arguments do not fit the data; the message says which and why."""


@dataclass(frozen=True)
class BoardScope:
    """An organisation and period checked against the data folder, with the open store."""

    store: Store
    tree: OrgTree
    org_code: str
    period_from: date
    period_to: date


def add_org_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--org", required=True, help="organisation code, e.g. a trust's ODS code (RXX01)"
    )


def add_period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="period_from", help="first month, YYYY-MM (default: 36 months back)"
    )
    parser.add_argument("--to", dest="period_to", help="last month, YYYY-MM (default: latest)")


def add_data_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", help="data folder (default: IMPACT_DATA_DIR or data/)")


def board_scope(args: argparse.Namespace) -> BoardScope:
    """Open the store and check ``--org``, ``--from`` and ``--to`` against it."""
    store = open_store(args.data)
    tree = OrgTree.from_frame(store.query("board_org_tree"))
    if args.org not in tree:
        raise ArgumentProblem(
            f"unknown organisation {args.org!r}: it is not in the data folder "
            f"{store.data_dir}. Run `python -m impact check` to see which organisations "
            "it holds."
        )
    default_from, default_to = default_period(month_starts(store.query("board_periods")["month"]))
    period_from = _month("--from", args.period_from, default_from)
    period_to = _month("--to", args.period_to, default_to)
    if period_from > period_to:
        raise ArgumentProblem(
            f"the period starts ({month_key(period_from)}) after it ends ({month_key(period_to)})."
        )
    return BoardScope(store, tree, args.org, period_from, period_to)


def _month(flag: str, raw: str | None, default: date) -> date:
    if raw is None:
        return default
    parsed = parse_month(raw)
    if parsed is None:
        raise ArgumentProblem(f"{flag} {raw!r} is not a month; expected YYYY-MM.")
    return parsed


def fail(command: str, message: str, code: int = BAD_ARGUMENTS) -> int:
    """Print ``command: message`` to standard error and return the exit code."""
    print(f"{command}: {message}", file=sys.stderr)
    return code
