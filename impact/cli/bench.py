"""``python -m impact bench``: measure the store against bare DuckDB and pandas.

The harness itself lives in the top-level ``bench/`` folder beside ``impact/`` (it is a
measuring tool, not part of the product), so this command runs from the project root.
"""

from __future__ import annotations

import argparse
import json

from bench.store_bench import FIGURES, SCALES, run_benchmark

HELP = "Benchmark the store on a synthetic data set (national scale or a small smoke test)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    figures = run_benchmark(args.scale)
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"Benchmark, scale {args.scale}")
    for key, label in FIGURES.items():
        value = figures[key]
        if value is None:
            shown = "not measured"
        elif isinstance(value, float):
            shown = f"{value:.3f}"
        else:
            shown = f"{value:,}"
        print(f"  {label:<58} {shown}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """This command on its own, without the other commands' imports."""
    parser = argparse.ArgumentParser(prog="python -m impact bench", description=HELP)
    add_arguments(parser)
    return run(parser.parse_args(argv))
