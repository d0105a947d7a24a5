"""Command line: ``python -m impact <command>``.

Each command is a module in ``impact/cli/`` exposing ``HELP`` (one line),
``add_arguments(parser)`` and ``run(args) -> int`` (the exit code), so adding a
command never means editing this file. Only the chosen command's module is imported,
so one command's heavy imports never slow down (or break) another. A module whose name
starts with an underscore is shared by commands (``_arguments``: organisation and
period) and is not itself a command.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import impact.cli


def command_names() -> list[str]:
    """The available commands: the public modules of ``impact.cli``."""
    return sorted(
        info.name
        for info in pkgutil.iter_modules(impact.cli.__path__)
        if not info.name.startswith("_")
    )


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``only``, just that command's module is imported."""
    parser = argparse.ArgumentParser(
        prog="python -m impact",
        description="NHS board improvement dashboard: check extracts, make demo data, "
        "answer board questions, build board packs, benchmark.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in command_names():
        if only is not None and name != only:
            sub.add_parser(name)
            continue
        module = importlib.import_module(f"impact.cli.{name}")
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = argv[0] if argv and argv[0] in command_names() else None
    args = build_parser(chosen).parse_args(argv)
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
