"""The board's questions and their answers, for one organisation and period.

Every page of the board view, and ``python -m impact answer``, goes through
:func:`build_board`, so the screen, the command line and the tests show the same thing.
For each catalogue metric it gathers the latest value, the target in force (an
organisation's own target beats the national one), the SPC result (variation and
assurance), the plain-English answer, whether the data is stale for the metric's
frequency, and the questions the board may wish to ask. Questions are generated from the
SPC signals, the assurance and the improvement projects, and are phrased as questions:
never instructions.

Data arrives through a query function ``query(name, **params) -> DataFrame`` (the store's
``query`` or a cached wrapper of it), so this module never touches Streamlit or DuckDB.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from impact import icons
from impact import spc as spc_engine
from impact.data_status import is_stale
from impact.filters import BOARD_PRIORITIES, PRIORITY_TITLES, period_end
from impact.spc_describe import describe
from impact.units import format_value

QueryFn = Callable[..., pd.DataFrame]

#: Said when a metric has no target (or a neutral direction), so there is no assurance icon.
NO_ASSURANCE = "No target to assure against"
#: Said when there are too few values for SPC limits.
NO_VARIATION = "Not enough data for SPC"

#: The columns of a metric's numbers table (and of its CSV download).
POINT_COLUMNS = (
    "period_start",
    "value",
    "numerator",
    "denominator",
    "mean",
    "lpl",
    "upl",
    "point_type",
    "special_cause_type",
    "rebase_group",
    "target",
)


@dataclass(frozen=True)
class Metric:
    """A catalogue entry: what is measured and the board question it answers."""

    metric_id: str
    metric_name: str
    priority: str
    board_question: str
    unit: str
    direction: str
    frequency: str
    definition: str = ""
    source: str = ""


@dataclass
class MetricAnswer:
    """What the board sees for one metric of one organisation."""

    metric: Metric
    org_code: str
    points: pd.DataFrame
    latest_period: date | None
    latest_value: float | None
    target: float | None
    target_source: str | None
    mean: float | None
    lpl: float | None
    upl: float | None
    variation: str | None
    assurance: str | None
    answer: str
    stale: bool
    questions: list[str]
    targets: pd.DataFrame
    events: pd.DataFrame
    projects: pd.DataFrame

    @property
    def variation_icon(self) -> str | None:
        """The MDC variation icon name (``improvement_high`` …) for the latest point."""
        if not self.variation:
            return None
        return spc_engine.variation_icon_name(self.variation, self.metric.direction)

    @property
    def variation_label(self) -> str:
        icon = self.variation_icon
        return icons.variation_label(icon) if icon else NO_VARIATION

    @property
    def assurance_label(self) -> str:
        return icons.assurance_label(self.assurance) if self.assurance else NO_ASSURANCE

    @property
    def latest_text(self) -> str:
        return format_value(self.latest_value, self.metric.unit)

    @property
    def target_text(self) -> str:
        return format_value(self.target, self.metric.unit) if self.target is not None else "—"


@dataclass
class OrgBoard:
    """The board view of one organisation over one period."""

    org_code: str
    period_from: date
    period_to: date
    data_latest_period: date | None
    answers: list[MetricAnswer]
    missing: list[Metric] = field(default_factory=list)

    def by_priority(self, priority: str) -> list[MetricAnswer]:
        return [a for a in self.answers if a.metric.priority == priority]

    def answer(self, metric_id: str) -> MetricAnswer | None:
        return next((a for a in self.answers if a.metric.metric_id == metric_id), None)

    def missing_for(self, priority: str) -> list[Metric]:
        return [m for m in self.missing if m.priority == priority]

    def questions(self, priority: str | None = None) -> list[tuple[MetricAnswer, str]]:
        return [
            (a, q)
            for a in self.answers
            if priority is None or a.metric.priority == priority
            for q in a.questions
        ]

    @property
    def stale(self) -> list[MetricAnswer]:
        return [a for a in self.answers if a.stale]


# --------------------------------------------------------------------------- catalogue


def load_metrics(query: QueryFn, priorities: Iterable[str] = BOARD_PRIORITIES) -> list[Metric]:
    """The catalogue's metrics for the given priorities, in priority then catalogue order."""
    frame = query("board_metrics")
    wanted = list(priorities)
    metrics = [
        Metric(
            metric_id=str(r.metric_id),
            metric_name=str(r.metric_name),
            priority=str(r.priority),
            board_question=str(r.board_question),
            unit=str(r.unit),
            direction=str(r.improvement_direction),
            frequency=str(r.frequency),
            definition=_text(r.definition),
            source=_text(r.source),
        )
        for r in frame.itertuples(index=False)
        if r.priority in wanted
    ]
    return sorted(metrics, key=lambda m: wanted.index(m.priority))


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


# --------------------------------------------------------------------------- targets


def target_history(targets: pd.DataFrame, metric_id: str, org_code: str) -> pd.DataFrame:
    """The targets that apply to this metric and organisation, by effective date.

    Where the organisation has its own target starting on a date, it replaces the
    national one from that date on; national targets fill the periods it does not cover.
    """
    rows = targets[targets["metric_id"] == metric_id].copy()
    if rows.empty:
        return rows.reset_index(drop=True)
    own = rows["org_code"].fillna("").astype(str).str.strip() == org_code
    national = rows["org_code"].fillna("").astype(str).str.strip() == ""
    own_rows = rows[own]
    own_spans = [
        (pd.Timestamp(f), pd.Timestamp(t) if not pd.isna(t) else None)
        for f, t in zip(own_rows["effective_from"], own_rows["effective_to"], strict=True)
    ]
    kept = [own_rows]
    for _, row in rows[national].iterrows():
        start = pd.Timestamp(row["effective_from"])
        if not any(f <= start and (t is None or start <= t) for f, t in own_spans):
            kept.append(row.to_frame().T)
    history = pd.concat(kept, ignore_index=True) if kept else rows.iloc[0:0]
    history["scope"] = [
        "This organisation" if str(c or "").strip() == org_code else "National"
        for c in history["org_code"].fillna("")
    ]
    return history.sort_values("effective_from").reset_index(drop=True)


def target_on(history: pd.DataFrame, when: date | None) -> tuple[float | None, str | None]:
    """The target in force on ``when`` (an organisation's own beats a national one)."""
    return _target_lookup(history)(when)


def _target_lookup(
    history: pd.DataFrame,
) -> Callable[[date | None], tuple[float | None, str | None]]:
    """A fast ``when → (target, source)`` for one history (called once per point)."""
    rows = (
        [
            (
                pd.Timestamp(r.effective_from).date(),
                pd.Timestamp(r.effective_to).date() if not pd.isna(r.effective_to) else date.max,
                r.scope == "This organisation",
                float(r.target_value),
                _text(r.source),
            )
            for r in history.itertuples(index=False)
            if not pd.isna(r.target_value) and not pd.isna(r.effective_from)
        ]
        if not history.empty
        else []
    )
    rows.sort(key=lambda r: (r[2], r[0]))

    def lookup(when: date | None) -> tuple[float | None, str | None]:
        if when is None:
            return None, None
        live = [r for r in rows if r[0] <= when <= r[1]]
        return (live[-1][3], live[-1][4]) if live else (None, None)

    return lookup


# --------------------------------------------------------------------------- SPC


def run_spc(
    observations: pd.DataFrame,
    metrics: dict[str, Metric],
    histories: dict[str, pd.DataFrame],
    rebase: dict[str, set[date]],
) -> pd.DataFrame:
    """The SPC engine over every metric of one organisation at once (facet = metric).

    Each point carries the target in force on its date, so the numbers table shows target
    changes and the assurance (which the engine takes from the last point) uses the current
    one. Short-baseline warnings are not raised here: the page says so per metric.
    """
    if observations.empty:
        return observations.iloc[0:0]
    data = observations.copy()
    data["period_start"] = pd.to_datetime(data["period_start"])
    data["direction"] = data["metric_id"].map(lambda m: metrics[m].direction)
    lookups = {m: _target_lookup(h) for m, h in histories.items()}
    data["target_value"] = [
        lookups[m](d.date())[0]
        for m, d in zip(data["metric_id"], data["period_start"], strict=True)
    ]
    data["target_value"] = pd.to_numeric(data["target_value"], errors="coerce")
    data["rebase_flag"] = [
        d.date() in rebase.get(m, ())
        for m, d in zip(data["metric_id"], data["period_start"], strict=True)
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", spc_engine.ShortGroupWarning)
        return spc_engine.spc(
            data,
            value_col="value",
            date_col="period_start",
            facet_cols=("metric_id",),
            improvement_direction_col="direction",
            target_col="target_value",
            rebase_col="rebase_flag",
        )


# --------------------------------------------------------------------------- questions


def _lower_first(name: str) -> str:
    """``Waits over 12 hours`` → ``waits over 12 hours``; acronyms (A&E, RTT) kept."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _month(value: date | pd.Timestamp) -> str:
    return pd.Timestamp(value).strftime("%B %Y")


def _trailing_run(points: pd.DataFrame, point_type: str) -> pd.DataFrame:
    """The points at the end of the series that all share ``point_type``."""
    types = points["point_type"].tolist()
    n = 0
    while n < len(types) and types[len(types) - 1 - n] == point_type:
        n += 1
    return points.iloc[len(points) - n :]


def board_questions(
    metric: Metric,
    points: pd.DataFrame,
    *,
    assurance: str | None,
    target: float | None,
    active_projects: int,
    stale: bool,
) -> list[str]:
    """Questions the board may wish to ask about this metric, from its signals.

    Each comes from one fact the page also shows (a special cause, the assurance, the
    absence of improvement work, stale data), so a board member can see why it is asked.
    """
    questions: list[str] = []
    name = _lower_first(metric.metric_name)
    if points.empty:
        return questions
    last = points.iloc[-1]
    last_type = str(last.get("point_type") or "")
    rule = str(last.get("special_cause_type") or "")
    target_text = format_value(target, metric.unit) if target is not None else None
    latest_misses = _misses(float(last["value"]), target, metric.direction)

    if last_type == "special_cause_concern":
        run = _trailing_run(points, last_type)
        since = _month(run["period_start"].iloc[0])
        side = "above" if float(last["value"]) > float(last["mean"]) else "below"
        if "Trend" in rule:
            questions.append(
                f"What is behind the {len(run)}-{metric.frequency} "
                f"{'rising' if 'Increasing' in rule else 'falling'} trend in {name} since {since}?"
            )
        else:
            where = "range" if rule in ("Above UCL", "Below LCL") else "level"
            if len(run) == 1:
                questions.append(
                    f"What happened in {since} to take {name} {side} its usual {where}, "
                    "and is it continuing?"
                )
            else:
                questions.append(
                    f"What changed in {since} that has kept {name} {side} its usual {where} "
                    "since then?"
                )
    elif last_type == "special_cause_improvement":
        run = _trailing_run(points, last_type)
        questions.append(
            f"What has improved {name} since {_month(run['period_start'].iloc[0])}, "
            "and can it be sustained or spread?"
        )

    if assurance == "consistent_fail" and target_text:
        questions.append(
            f"The {target_text} target for {name} is outside what the current process can "
            "deliver: what would have to change, and who is working on it?"
        )
    elif assurance == "inconsistent" and target_text and latest_misses:
        questions.append(
            f"The {target_text} target for {name} is met in some months but not others: "
            "what would make performance reliable?"
        )

    failing = (
        last_type == "special_cause_concern" or assurance == "consistent_fail" or latest_misses
    )
    if failing and active_projects == 0:
        questions.append(f"Which improvement work is aimed at {name}?")

    if stale:
        questions.append(
            f"The latest {name} figures are for {_month(last['period_start'])}: "
            "when will more recent data be available?"
        )
    return questions


def _misses(value: float, target: float | None, direction: str) -> bool:
    if target is None or pd.isna(value):
        return False
    if direction == "increase":
        return value < target
    if direction == "decrease":
        return value > target
    return False


# --------------------------------------------------------------------------- the board


def build_board(
    query: QueryFn,
    org_code: str,
    period_from: date,
    period_to: date,
    *,
    priorities: Iterable[str] = BOARD_PRIORITIES,
) -> OrgBoard:
    """Every board metric of one organisation over [period_from, end of period_to's month]."""
    metrics = load_metrics(query, priorities)
    by_id = {m.metric_id: m for m in metrics}
    last_day = period_end(period_to)
    obs = query(
        "board_observations", org_code=org_code, period_from=period_from, period_to=last_day
    )
    obs = obs[obs["metric_id"].isin(by_id)].copy()
    obs["period_start"] = pd.to_datetime(obs["period_start"])
    targets = query("board_targets", org_code=org_code)
    events = query("board_events", org_code=org_code, period_from=period_from, period_to=last_day)
    projects = query("board_projects_for_org", org_code=org_code)
    as_at = query("board_data_as_at")
    data_latest = _as_date(as_at["latest_period"].iloc[0]) if not as_at.empty else None
    reference = min(data_latest, last_day) if data_latest else None

    histories = {m: target_history(targets, m, org_code) for m in by_id}
    rebase = {
        m: {_as_date(d) for d in part.loc[part["rebase"].astype(bool), "event_date"]}
        for m, part in events.groupby("metric_id")
    }
    points = run_spc(obs, by_id, histories, rebase)
    summary = spc_engine.spc_summary(points) if not points.empty else pd.DataFrame()

    answers: list[MetricAnswer] = []
    missing: list[Metric] = []
    for metric in metrics:
        mine = points[points["metric_id"] == metric.metric_id] if not points.empty else points
        mine = mine.sort_values("period_start").reset_index(drop=True)
        if mine.empty or mine["value"].notna().sum() == 0:
            missing.append(metric)
            continue
        answers.append(
            _answer(
                metric,
                org_code,
                mine,
                summary,
                histories[metric.metric_id],
                events[events["metric_id"] == metric.metric_id].reset_index(drop=True),
                projects[projects["metric_id"] == metric.metric_id].reset_index(drop=True),
                reference,
            )
        )
    return OrgBoard(org_code, period_from, period_to, data_latest, answers, missing)


def _as_date(value: object) -> date | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


def _last_group(summary: pd.DataFrame, metric_id: str) -> pd.Series | None:
    if summary.empty:
        return None
    rows = summary[summary["metric_id"] == metric_id]
    if rows.empty:
        return None
    return rows.sort_values("rebase_group").iloc[-1]


def _answer(
    metric: Metric,
    org_code: str,
    points: pd.DataFrame,
    summary: pd.DataFrame,
    history: pd.DataFrame,
    events: pd.DataFrame,
    projects: pd.DataFrame,
    reference: date | None,
) -> MetricAnswer:
    valued = points[points["value"].notna()]
    latest_row = valued.iloc[-1]
    latest_period = _as_date(latest_row["period_start"])
    target, target_source = target_on(history, latest_period)
    group = _last_group(summary, metric.metric_id)
    variation = str(latest_row.get("point_type") or "") or None
    assurance = _clean(group.get("assurance_type")) if group is not None else None
    stale = is_stale(latest_period, metric.frequency, reference)
    active = int((projects["status"] == "active").sum()) if not projects.empty else 0
    numbers = points.reindex(
        columns=[c for c in POINT_COLUMNS if c in points or c in ("numerator", "denominator")]
    )
    return MetricAnswer(
        metric=metric,
        org_code=org_code,
        points=numbers,
        latest_period=latest_period,
        latest_value=float(latest_row["value"]),
        target=target,
        target_source=target_source,
        mean=_float(latest_row.get("mean")),
        lpl=_float(latest_row.get("lpl")),
        upl=_float(latest_row.get("upl")),
        variation=variation,
        assurance=assurance,
        answer=describe_metric(metric, points),
        stale=stale,
        questions=board_questions(
            metric,
            valued,
            assurance=assurance,
            target=target,
            active_projects=active,
            stale=stale,
        ),
        targets=history,
        events=events,
        projects=projects,
    )


def describe_metric(metric: Metric, points: pd.DataFrame) -> str:
    """The SPC engine's plain-English answer for this metric's points (one facet)."""
    return describe(
        points,
        metric_name=_lower_first(metric.metric_name),
        unit=metric.unit,
        frequency=metric.frequency,
        improvement_direction=metric.direction,
        date_col="period_start",
        value_col="value",
    )


def _clean(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def _float(value: object) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if pd.isna(number) else number


# --------------------------------------------------------------------------- tables


def ipr_rows(board: OrgBoard, priority: str | None = None) -> pd.DataFrame:
    """The integrated performance report summary: one row per metric, with its trend."""
    rows = []
    for a in board.answers:
        if priority is not None and a.metric.priority != priority:
            continue
        rows.append(
            {
                "metric_id": a.metric.metric_id,
                "priority": PRIORITY_TITLES.get(a.metric.priority, a.metric.priority),
                "metric": a.metric.metric_name,
                "latest_period": a.latest_period,
                "latest": a.latest_text,
                "target": a.target_text,
                "mean": format_value(a.mean, a.metric.unit),
                "lpl": format_value(a.lpl, a.metric.unit),
                "upl": format_value(a.upl, a.metric.unit),
                "variation": a.variation_label,
                "assurance": a.assurance_label,
                "stale": "Stale" if a.stale else "",
                "trend": [float(v) for v in a.points["value"].dropna().tail(24)],
            }
        )
    return pd.DataFrame(rows)
