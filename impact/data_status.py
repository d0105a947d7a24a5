"""How fresh the data is: the "data as at" stamp every page shows, and the stale rule.

A board member must know how old the figures are before trusting an answer, so every page
states the latest period present, when the newest extract file arrived, and which metrics
are behind what their frequency allows. NHS statistics are published after a lag (A&E
about two weeks after the month, RTT about six weeks), so "stale" means older than that
normal lag plus some slack, not merely "not this month".

The rules are pure functions of dates; :func:`data_as_at` gathers their inputs from a store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd

#: Days after a period *ends* by which its figures are normally loaded. Monthly: RTT is
#: published about six weeks after the month, so 75 days leaves two weeks of slack before
#: a monthly metric is called stale. Weekly: three weeks. Quarterly: about four months.
ALLOWED_LAG_DAYS: dict[str, int] = {"week": 21, "month": 75, "quarter": 135}

#: The frequency assumed for a metric whose catalogue entry gives none.
DEFAULT_FREQUENCY = "month"


def period_end(period_start: dt.date, frequency: str) -> dt.date:
    """The first day after the period that starts on ``period_start``."""
    if frequency == "week":
        return period_start + dt.timedelta(days=7)
    months = 3 if frequency == "quarter" else 1
    month_index = period_start.month - 1 + months
    return dt.date(period_start.year + month_index // 12, month_index % 12 + 1, 1)


def due_by(period_start: dt.date, frequency: str) -> dt.date:
    """The date after which, if this is still the latest period, the metric is stale."""
    lag = ALLOWED_LAG_DAYS.get(frequency, ALLOWED_LAG_DAYS[DEFAULT_FREQUENCY])
    return period_end(period_start, frequency) + dt.timedelta(days=lag)


def is_stale(latest_period: dt.date | None, frequency: str | None, today: dt.date) -> bool:
    """Whether a series whose newest period starts on ``latest_period`` is out of date.

    A series with no data at all is stale: the board expects figures and has none.
    """
    if latest_period is None:
        return True
    return today > due_by(latest_period, frequency or DEFAULT_FREQUENCY)


@dataclass(frozen=True)
class StaleMetric:
    """A metric whose newest figures are older than its frequency allows."""

    metric_id: str
    metric_name: str
    frequency: str
    latest_period: dt.date | None
    due_by: dt.date | None


@dataclass(frozen=True)
class DataAsAt:
    """The freshness summary shown on every page."""

    today: dt.date
    latest_period: dt.date | None
    newest_file: str | None
    newest_file_time: dt.datetime | None
    stale: tuple[StaleMetric, ...] = field(default_factory=tuple)

    @property
    def stale_ids(self) -> frozenset[str]:
        """The ids of the stale metrics, for pages that mark them in their tables."""
        return frozenset(m.metric_id for m in self.stale)


def _as_date(value: Any) -> dt.date | None:
    """A date from whatever DuckDB/pandas handed over (date, Timestamp, NaT, None)."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def _as_datetime(value: Any) -> dt.datetime | None:
    """A local datetime from an mtime given as seconds, nanoseconds, datetime or Timestamp."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, int | float):
        seconds = value / 1e9 if value > 1e12 else value
        return dt.datetime.fromtimestamp(seconds)
    return pd.Timestamp(value).to_pydatetime()


def stale_metrics(latest_by_metric: pd.DataFrame, today: dt.date) -> list[StaleMetric]:
    """Every metric that is stale, oldest first.

    ``latest_by_metric`` has one row per metric: ``metric_id``, ``metric_name``,
    ``frequency`` and ``latest_period`` (missing when the metric has no observations).
    """
    found: list[StaleMetric] = []
    for row in latest_by_metric.itertuples(index=False):
        latest = _as_date(row.latest_period)
        frequency = row.frequency if isinstance(row.frequency, str) else DEFAULT_FREQUENCY
        if is_stale(latest, frequency, today):
            found.append(
                StaleMetric(
                    metric_id=str(row.metric_id),
                    metric_name=str(row.metric_name),
                    frequency=frequency,
                    latest_period=latest,
                    due_by=due_by(latest, frequency) if latest else None,
                )
            )
    return sorted(found, key=lambda m: (m.latest_period or dt.date.min, m.metric_id))


def summarise(
    latest_by_metric: pd.DataFrame,
    file_times: Iterable[tuple[str, Any]],
    today: dt.date,
) -> DataAsAt:
    """The "data as at" summary from per-metric latest periods and (file, mtime) pairs.

    Only metrics that have observations count toward the latest period; metrics with
    none are reported stale (a catalogue metric nobody supplies is worth a board's note).
    """
    periods = [_as_date(v) for v in latest_by_metric.get("latest_period", pd.Series([]))]
    present = [p for p in periods if p is not None]
    newest_file, newest_time = None, None
    for path, mtime in file_times:
        when = _as_datetime(mtime)
        if when is not None and (newest_time is None or when > newest_time):
            newest_file, newest_time = path, when
    return DataAsAt(
        today=today,
        latest_period=max(present) if present else None,
        newest_file=newest_file,
        newest_file_time=newest_time,
        stale=tuple(stale_metrics(latest_by_metric, today)),
    )


def format_period(period: dt.date | None, frequency: str = "month") -> str:
    """A period as a board paper writes it: "Sep 2025", "Q3 2025", "w/c 1 Sep 2025"."""
    if period is None:
        return "no data"
    if frequency == "week":
        return f"w/c {period.day} {period:%b %Y}"
    if frequency == "quarter":
        return f"Q{(period.month - 1) // 3 + 1} {period.year}"
    return f"{period:%b %Y}"


def as_at_sentence(status: DataAsAt) -> str:
    """One line for the top of a page: latest period, newest file, how many metrics are stale."""
    if status.latest_period is None:
        parts = ["No observations loaded yet"]
    else:
        parts = [f"Data as at {format_period(status.latest_period)}"]
    if status.newest_file_time is not None:
        parts.append(f"newest extract {status.newest_file_time:%d %b %Y %H:%M}")
    text = " · ".join(parts) + "."
    count = len(status.stale)
    if count:
        noun = "metric is" if count == 1 else "metrics are"
        text += f" {count} {noun} older than their reporting frequency allows."
    return text


def stale_lines(status: DataAsAt) -> list[str]:
    """One plain sentence per stale metric, naming its latest period and when it was due."""
    lines = []
    for m in status.stale:
        if m.latest_period is None:
            lines.append(f"{m.metric_name}: no figures loaded.")
        else:
            lines.append(
                f"{m.metric_name}: latest {format_period(m.latest_period, m.frequency)} "
                f"({m.frequency}ly figures were due by {m.due_by:%d %b %Y})."
            )
    return lines


def stale_files(latest_by_file: pd.DataFrame, today: dt.date) -> dict[str, bool]:
    """Per observations file: True when every series in it is stale (nothing current).

    ``latest_by_file`` has ``source_file``, ``metric_id``, ``frequency``, ``latest_period``
    (the ``data_page_latest_by_file`` query). A file holding any current series is not
    stale, so a long history file that is still being extended is never flagged.
    """
    verdict: dict[str, bool] = {}
    for row in latest_by_file.itertuples(index=False):
        frequency = row.frequency if isinstance(row.frequency, str) else DEFAULT_FREQUENCY
        stale = is_stale(_as_date(row.latest_period), frequency, today)
        verdict[row.source_file] = verdict.get(row.source_file, True) and stale
    return verdict


class _Queryable(Protocol):
    def query(self, name: str, **params: Any) -> pd.DataFrame: ...
    def files(self) -> list[Any]: ...


def data_as_at(
    store: _Queryable,
    *,
    today: dt.date | None = None,
    org_code: str | None = None,
    query: Callable[..., pd.DataFrame] | None = None,
) -> DataAsAt:
    """The "data as at" summary of a store (optionally for one organisation's figures).

    ``query`` may replace ``store.query`` (pages pass their cached query function).
    Only the data folder's files count for the newest file time, not the catalogue that
    ships with the product.
    """
    run = query or store.query
    latest = run("data_page_latest_by_metric", org_code=org_code)
    files = [(r.path, r.mtime) for r in store.files() if getattr(r, "origin", "data") == "data"]
    return summarise(latest, files, today or dt.date.today())
