"""The stale-data banner: which measures lag, by board priority, and which file would help.

A board told only "three metrics are stale" cannot act on it; an analyst needs to know
which publication to download. So each lagging measure is listed under its priority (in
the board's order), with the file its newest figures came from and the edition of the
publication that would bring it up to date. The stale rule itself is
:func:`impact.data_status.is_stale`; this module only words the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from impact.calendar import add_months, period_short
from impact.priorities import BOARD_PRIORITIES, PRIORITY_TITLES

#: How far the next edition of a publication is after a period, by frequency.
_NEXT_MONTHS = {"month": 1, "quarter": 3}


@dataclass(frozen=True)
class StaleMeasure:
    """A lagging measure, with where its newest figures came from."""

    metric_name: str
    priority: str
    frequency: str
    latest_period: dt.date | None
    source: str  # the publication, from the catalogue
    source_file: str | None  # the file that supplied the newest period


def next_period(latest: dt.date, frequency: str) -> dt.date:
    """The period after ``latest`` at the measure's frequency (the edition that is missing)."""
    if frequency == "week":
        return latest + dt.timedelta(days=7)
    return add_months(latest, _NEXT_MONTHS.get(frequency, 1))


def stale_measures(answers: Iterable[Any], files: pd.DataFrame) -> list[StaleMeasure]:
    """The stale answers of a board, each with the file its newest figures came from.

    ``answers`` are board answers (``metric`` and ``latest_period``); ``files`` is the
    ``data_status_metric_files`` query (``metric_id``, ``source_file``).
    """
    by_metric = dict(zip(files["metric_id"], files["source_file"], strict=True))
    found = []
    for a in answers:
        m = a.metric
        source_file = by_metric.get(m.metric_id)
        found.append(
            StaleMeasure(
                m.metric_name,
                m.priority,
                m.frequency or "month",
                a.latest_period,
                m.source or "",
                source_file if isinstance(source_file, str) else None,
            )
        )
    return found


def measure_line(m: StaleMeasure) -> str:
    """``RTT waiting list: latest Feb 2025 (monthly), from rtt/feb.csv; the Mar 2025 …``."""
    publication = m.source or "its publication"
    if m.latest_period is None:
        return f"{m.metric_name}: no figures loaded; a file of {publication} would add them."
    wanted = period_short(next_period(m.latest_period, m.frequency), m.frequency)
    came = f", from {m.source_file}" if m.source_file else ""
    return (
        f"{m.metric_name}: latest {period_short(m.latest_period, m.frequency)} "
        f"({m.frequency}ly){came}; the {wanted} file of {publication} would bring it up to date."
    )


def by_priority(measures: Iterable[StaleMeasure]) -> list[tuple[str, list[str]]]:
    """(priority title, one line per measure) in the board's priority order, others last."""
    groups: dict[str, list[StaleMeasure]] = {}
    for m in measures:
        groups.setdefault(m.priority, []).append(m)
    order = [p for p in BOARD_PRIORITIES if p in groups] + sorted(
        p for p in groups if p not in BOARD_PRIORITIES
    )
    return [
        (
            PRIORITY_TITLES.get(p, p.replace("_", " ").capitalize()),
            [measure_line(m) for m in groups[p]],
        )
        for p in order
    ]


def banner_markdown(measures: Iterable[StaleMeasure]) -> str:
    """The banner's text: a heading line, then each priority's lagging measures as a list."""
    parts = ["**Stale data**: older than its reporting frequency allows."]
    for title, lines in by_priority(measures):
        parts.append(f"**{title}**\n" + "\n".join(f"- {line}" for line in lines))
    return "\n\n".join(parts)
