"""``python -m impact demo [--out DIR]``: regenerate the demo extracts.

The demo set is committed under ``data/demo/`` so a fresh clone runs with no extra step;
this command rebuilds it (byte-identical for an unchanged generator) or writes a copy
elsewhere, e.g. to try the dashboard on a scratch folder.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from impact import demo

HELP = "Regenerate the demo data set (one fictional region) deterministically."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=demo.DEFAULT_OUT,
        metavar="DIR",
        help="folder to write the demo CSV files to (default: data/demo in the project)",
    )


def run(args: argparse.Namespace) -> int:
    written = demo.generate(args.out)
    for path, rows in written.items():
        print(f"{path}  {rows:>6} rows")
    first, last = demo.months()[0], demo.months()[-1]
    print(f"Demo data for {first:%b %Y} to {last:%b %Y} written to {Path(args.out)}")
    return 0
