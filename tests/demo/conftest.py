"""One fresh demo generation per test module, read back as tables and series."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from impact import PROJECT_ROOT, demo
from tests.demo.contract_check import read_csv

COMMITTED = PROJECT_ROOT / "data" / "demo"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    demo.generate(out)
    return out


@pytest.fixture(scope="module")
def tables(fresh: Path) -> dict[str, list[dict[str, str]]]:
    return {p.stem: read_csv(p)[1] for p in sorted(fresh.glob("*.csv"))}


@pytest.fixture(scope="module")
def series(tables: dict[str, list[dict[str, str]]]) -> dict[tuple[str, str], np.ndarray]:
    """(metric, org) → values in period order."""
    out: dict[tuple[str, str], list[tuple[str, float]]] = defaultdict(list)
    for r in tables["observations"]:
        out[(r["metric_id"], r["org_code"])].append((r["period_start"], float(r["value"])))
    return {k: np.array([v for _, v in sorted(pts)]) for k, pts in out.items()}


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every CSV in ``folder`` by name, as bytes (to compare two generations exactly)."""
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def split_at(values: np.ndarray, when: date) -> tuple[np.ndarray, np.ndarray]:
    """A monthly demo series cut at ``when``: the months before it, and from it on."""
    i = demo.months().index(when)
    return values[:i], values[i:]
