"""What the board sees, as data: a catalogue metric, its answer, and one organisation's board.

These are the shapes every board page, the board pack, meeting mode and
``python -m impact answer`` read; :mod:`impact.board.build` fills them. The labels the
dataclasses derive (icons' words, formatted values) are worked out here once, so every
view writes them the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from impact import spc as spc_engine
from impact.board.targets import rule_text_on
from impact.spc import NO_TARGET, icons
from impact.units import format_value

#: ``query(name, **params) -> DataFrame``: the store's ``query`` or a cached wrapper of it.
QueryFn = Callable[..., pd.DataFrame]

#: Said when a metric has no target (or a neutral direction), so there is no assurance icon.
NO_ASSURANCE = NO_TARGET.label
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
    #: The operating plan's value for the latest month, actual less plan, which plan
    #: (and when submitted), the plan sentence and how many months in a row it has stood
    #: so; all blank without a plan for that month (:mod:`impact.board.plans`).
    plan: float | None = None
    plan_variance: float | None = None
    plan_name: str | None = None
    plan_text: str = ""
    plan_submitted: date | None = None
    plan_run: int = 0
    plan_status: str = ""

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

    @property
    def plan_value_text(self) -> str:
        return format_value(self.plan, self.metric.unit) if self.plan is not None else "—"

    @property
    def target_rule_text(self) -> str:
        """How the target in force was worked out, when a rule set it (``5 points above …``)."""
        return rule_text_on(self.targets, self.latest_period)


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
