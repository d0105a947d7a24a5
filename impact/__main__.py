"""Command line: ``python -m impact <command>``.

Each command is a module in ``impact/cli/`` exposing ``HELP`` (one line),
``add_arguments(parser)`` and ``run(args) -> int`` (the exit code), so adding a
command never means editing this file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import impact.cli


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m impact",
        description="NHS board improvement dashboard: check extracts, make demo data, "
        "answer board questions, build board packs, benchmark.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for info in sorted(pkgutil.iter_modules(impact.cli.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"impact.cli.{info.name}")
        command = sub.add_parser(info.name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
