"""How fresh the data is: the "data as at" stamp every page shows, and the stale rule.

A board member must know how old the figures are before trusting an answer, so every page
states the latest period present, when the newest extract file arrived, and which metrics
lag behind. A metric is *stale* when its newest period trails the newest period in the data
by more than its frequency allows (one month for a monthly metric, since cancer figures
follow A&E by a month; a quarter for a quarterly one; two weeks for a weekly one). The
reference is the data, not the calendar, so a board reviewing last year is not told that
everything is stale. Separately, the whole data set is *overdue* when even its newest
period is older than the normal publication lag allows against today's date: that tells
the analyst a refresh was missed.

The rules are pure functions of dates; :func:`data_as_at` gathers their inputs from a store.
The Data page's inventory of files is worded in :mod:`impact.inventory`; every period is
written by :mod:`impact.calendar`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd

from impact.calendar import add_months, day_short, months_between, period_short

#: How many months a metric's newest period may trail the newest data before it is stale.
STALE_AFTER_MONTHS: dict[str, int] = {"month": 1, "quarter": 3}
#: The same for weekly metrics, in days.
STALE_AFTER_DAYS_WEEKLY = 14

#: Days after a monthly period *ends* by which its figures are normally loaded: RTT is
#: published about six weeks after the month, so 75 days leaves two weeks of slack.
PUBLICATION_LAG_DAYS = 75

#: The frequency assumed for a metric whose catalogue entry gives none.
DEFAULT_FREQUENCY = "month"


def is_stale(latest: dt.date | None, frequency: str | None, reference: dt.date | None) -> bool:
    """Whether a series whose newest period is ``latest`` trails ``reference`` too far.

    ``reference`` is the newest period in the data (capped at the end of the period a page
    shows). A series with no data while others have some is stale; with no data at all,
    nothing is.
    """
    if latest is None or reference is None:
        return latest is None and reference is not None
    if frequency == "week":
        return (reference - latest).days > STALE_AFTER_DAYS_WEEKLY
    allowed = STALE_AFTER_MONTHS.get(frequency or DEFAULT_FREQUENCY, 1)
    return months_between(latest, reference) > allowed


def due_by(latest_period: dt.date) -> dt.date:
    """The date by which the month after ``latest_period`` is normally published and loaded."""
    return add_months(latest_period, 2) + dt.timedelta(days=PUBLICATION_LAG_DAYS)


def is_overdue(latest_period: dt.date | None, today: dt.date) -> bool:
    """Whether the data as a whole missed a refresh: the next month should be here by now."""
    return latest_period is not None and today > due_by(latest_period)


@dataclass(frozen=True)
class StaleMetric:
    """A metric whose newest figures trail the rest of the data too far."""

    metric_id: str
    metric_name: str
    frequency: str
    latest_period: dt.date | None


@dataclass(frozen=True)
class DataAsAt:
    """The freshness summary shown on every page."""

    today: dt.date
    latest_period: dt.date | None
    newest_file: str | None
    newest_file_time: dt.datetime | None
    stale: tuple[StaleMetric, ...] = field(default_factory=tuple)

    @property
    def overdue(self) -> bool:
        """The newest figures are older than the normal publication lag allows."""
        return is_overdue(self.latest_period, self.today)


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


def _frequency(value: Any) -> str:
    return value if isinstance(value, str) and value else DEFAULT_FREQUENCY


def stale_metrics(latest_by_metric: pd.DataFrame, reference: dt.date | None) -> list[StaleMetric]:
    """Every stale metric, oldest first.

    ``latest_by_metric`` has one row per metric: ``metric_id``, ``metric_name``,
    ``frequency`` and ``latest_period`` (the ``data_page_latest_by_metric`` query).
    """
    found: list[StaleMetric] = []
    for row in latest_by_metric.itertuples(index=False):
        latest = _as_date(row.latest_period)
        frequency = _frequency(row.frequency)
        if is_stale(latest, frequency, reference):
            found.append(StaleMetric(str(row.metric_id), str(row.metric_name), frequency, latest))
    return sorted(found, key=lambda m: (m.latest_period or dt.date.min, m.metric_id))


def summarise(
    latest_by_metric: pd.DataFrame,
    file_times: Iterable[tuple[str, Any]],
    today: dt.date,
    period_to: dt.date | None = None,
) -> DataAsAt:
    """The "data as at" summary from per-metric latest periods and (file, mtime) pairs.

    ``period_to`` caps the reference for the stale rule at the end of the period a page
    shows, so looking back at an earlier year does not mark everything stale.
    """
    periods = [_as_date(v) for v in latest_by_metric.get("latest_period", pd.Series([]))]
    present = [p for p in periods if p is not None]
    latest = max(present) if present else None
    reference = min(latest, period_to) if latest and period_to else latest
    newest_file, newest_time = None, None
    for path, mtime in file_times:
        when = _as_datetime(mtime)
        if when is not None and (newest_time is None or when > newest_time):
            newest_file, newest_time = path, when
    return DataAsAt(
        today=today,
        latest_period=latest,
        newest_file=newest_file,
        newest_file_time=newest_time,
        stale=tuple(stale_metrics(latest_by_metric, reference)),
    )


def as_at_sentence(status: DataAsAt) -> str:
    """One line for the top of a page: latest period, newest file, stale and overdue notes."""
    if status.latest_period is None:
        parts = ["No observations loaded yet"]
    else:
        parts = [f"Data as at {period_short(status.latest_period)}"]
    if status.newest_file_time is not None:
        parts.append(f"newest extract {status.newest_file_time:%d %b %Y %H:%M}")
    text = " · ".join(parts) + "."
    count = len(status.stale)
    if count:
        noun, its = ("metric trails", "its") if count == 1 else ("metrics trail", "their")
        text += f" {count} {noun} the rest of the data by more than {its} frequency allows."
    if status.overdue and status.latest_period is not None:
        following = period_short(add_months(status.latest_period, 1))
        text += (
            f" No newer figures have been loaded: {following} would normally be here by "
            f"{day_short(due_by(status.latest_period))}."
        )
    return text


def stale_lines(status: DataAsAt) -> list[str]:
    """One plain sentence per stale metric, naming its latest period."""
    lines = []
    for m in status.stale:
        if m.latest_period is None:
            lines.append(f"{m.metric_name}: no figures loaded.")
        else:
            lines.append(
                f"{m.metric_name}: latest {period_short(m.latest_period, m.frequency)} "
                f"({m.frequency}ly), while the data runs to {period_short(status.latest_period)}."
            )
    return lines


def stale_files(latest_by_file: pd.DataFrame, reference: dt.date | None = None) -> dict[str, bool]:
    """Per observations file: True when every series in it is stale (nothing current).

    ``latest_by_file`` has ``source_file``, ``metric_id``, ``frequency``, ``latest_period``
    (the ``data_page_latest_by_file`` query). The reference defaults to the newest period
    in it. A file holding any current series is not stale, so a long history file that is
    still being extended is never flagged, while an old extract superseded by newer files is.
    """
    if reference is None:
        dates = [d for d in map(_as_date, latest_by_file.get("latest_period", [])) if d]
        reference = max(dates) if dates else None
    verdict: dict[str, bool] = {}
    for row in latest_by_file.itertuples(index=False):
        stale = is_stale(_as_date(row.latest_period), _frequency(row.frequency), reference)
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
    period_to: dt.date | None = None,
    query: Callable[..., pd.DataFrame] | None = None,
) -> DataAsAt:
    """The "data as at" summary of a store (optionally for one organisation's figures).

    ``query`` may replace ``store.query`` (pages pass their cached query function). Only
    the data folder's files count for the newest file time, not the shipped catalogue.
    """
    run = query or store.query
    latest = run("data_page_latest_by_metric", org_code=org_code)
    files = [(r.path, r.mtime) for r in store.files() if getattr(r, "origin", "data") == "data"]
    return summarise(latest, files, today or dt.date.today(), period_to)
