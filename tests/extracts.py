"""Small extracts written for tests, and the few ways tests read a store back.

Shared by the store and ingest tests (and any test that needs a data folder with
a handful of rows): the text of typical extracts, a writer that creates folders, and a
rewrite that surely changes a file's size or mtime even on a coarse clock.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

OBS_HEADER = "metric_id,org_code,period_start,value,numerator,denominator\n"
ORGS = (
    "org_code,org_name,org_type,parent_code\n"
    "Y01,Region,region,\nQ01,ICB,icb,Y01\nT01,Trust,trust,Q01\n"
)


def orgs_for(*codes: str) -> str:
    """An organisations extract defining trusts ``codes`` (and their ICB and region)."""
    return ORGS + "".join(f"{code},Trust {code},trust,Q01\n" for code in codes)


METRICS = (
    "metric_id,metric_name,priority,board_question,unit,improvement_direction,frequency\n"
    "m_pct,A percentage,uec,Is it good?,percent,increase,month\n"
    "m_count,A count,uec,How many?,count,neutral,month\n"
)
TARGETS = (
    "metric_id,org_code,target_value,effective_from,effective_to,source\n"
    "m_pct,,76,2023-04-01,2024-03-31,national guidance\n"
    "m_pct,,78,2024-04-01,,national guidance\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path``, creating its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


def bump(path: Path, text: str) -> None:
    """Rewrite a file so its size or mtime surely changes (coarse clocks)."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def report(store: Any, path: str) -> Any:
    """The store's report of one file, by its path in the data folder."""
    return next(r for r in store.files() if r.path == path)


def rows(store: Any, sql: str) -> list[tuple]:
    """Rows of an ad-hoc statement on the store (tests only: the product uses named SQL)."""
    return store.cursor().execute(sql).fetchall()


def findings_for(store: Any, path: str) -> list[tuple]:
    """(line, column, value, reason) of every finding about one file."""
    frame = store.findings()
    part = frame[frame["file"] == path]
    return [
        (None if pd.isna(r.line) else int(r.line), r.column, r.value, r.reason)
        for r in part.itertuples()
    ]
