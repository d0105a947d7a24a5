"""``python -m impact demo``: regenerates the committed demo set, or a copy elsewhere."""

from __future__ import annotations

import argparse
from pathlib import Path

from impact.cli import demo as demo_cli
from tests.demo.conftest import COMMITTED, folder_bytes


def test_demo_command_writes_to_out(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    demo_cli.add_arguments(parser)
    assert parser.parse_args([]).out == COMMITTED
    assert demo_cli.run(parser.parse_args(["--out", str(tmp_path)])) == 0
    assert folder_bytes(tmp_path) == folder_bytes(COMMITTED)
