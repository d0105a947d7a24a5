"""What a board pack holds, already answered: plain frozen records, no markup.

:func:`impact.pack.assemble.assemble_pack` fills a :class:`BoardPack` from the same
functions the board pages use; :func:`impact.pack.render.render_html` lays it out. Keeping
the content apart from the layout means a test can ask "does the pack say X" without
parsing HTML, and the layout can change without touching a single answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import plotly.graph_objects as go


@dataclass(frozen=True)
class Icon:
    """An MDC icon as the pages draw it: SVG from :mod:`impact.spc.icons` and its words."""

    markup: str
    label: str


@dataclass(frozen=True)
class Table:
    """A plain table of text cells (already formatted), with a caption for screen readers."""

    caption: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]


@dataclass(frozen=True)
class QuestionItem:
    """An open question from the board's question log, as the pack lists it."""

    metric_name: str
    question: str
    owner: str
    asked_on: date
    due_date: date
    asked_by: str | None = None


@dataclass(frozen=True)
class GeneratedQuestion:
    """A question the board may wish to ask, in its ranked place, with the metric it names
    and why it is asked (:mod:`impact.board.question_ranking`)."""

    rank: int
    metric_name: str
    question: str
    reason: str


@dataclass(frozen=True)
class MetricEntry:
    """One metric's page in the pack: its question, answer, icons and chart."""

    metric_id: str
    metric_name: str
    board_question: str
    answer: str
    latest: str
    target: str
    variation: Icon | None
    assurance: Icon | None
    figure: go.Figure | None
    ipr_row: Sequence[str]
    trend: Sequence[float] = ()
    open_questions: Sequence[QuestionItem] = ()
    notes: Sequence[str] = ()
    #: The plan sentence and, after it, which plan ("" without a plan for the latest month).
    plan: str = ""
    plan_source: str = ""
    #: How a relative target was worked out ("" for a target given as a number).
    target_rule: str = ""
    outlook: Sequence[str] = ()  # one sentence per dated target still to be judged
    funnel_sentence: str = ""  # "Are we an outlier among …?", or why there is no funnel
    funnel_figure: go.Figure | None = None


@dataclass(frozen=True)
class PrioritySection:
    """A recovery priority: its metrics and the questions the board may wish to ask.

    ``questions`` are the most material few (at most three), shown in the overview;
    ``more_questions`` the rest, in rank order, for the appendix.
    """

    key: str
    title: str
    metrics: Sequence[MetricEntry]
    questions: Sequence[GeneratedQuestion] = ()
    notes: Sequence[str] = ()
    more_questions: Sequence[GeneratedQuestion] = ()


@dataclass(frozen=True)
class SummarySection:
    """A summary page (improvement activity, capability): sentences, tables, questions."""

    key: str
    title: str
    paragraphs: Sequence[str] = ()
    tables: Sequence[Table] = ()
    questions: Sequence[str] = ()


@dataclass(frozen=True)
class IconGuideEntry:
    """One row of "How to read these charts": the icon and what it means in plain words."""

    icon: Icon
    meaning: str


@dataclass(frozen=True)
class SourceFile:
    """One extract file the pack's figures came from."""

    path: str
    contract: str
    rows: str
    periods: str
    modified: str


@dataclass(frozen=True)
class BoardPack:
    """Everything a board pack shows, already answered; :func:`render_html` only lays it out."""

    org_code: str
    org_name: str
    period_label: str
    data_as_at: str
    data_as_at_detail: str
    generated_at: datetime
    priorities: Sequence[PrioritySection]
    ipr_columns: Sequence[str]
    icon_guide: Sequence[IconGuideEntry]
    sources: Sequence[SourceFile]
    open_questions: Sequence[QuestionItem] = ()
    summaries: Sequence[SummarySection] = ()
    notes: Sequence[str] = ()
    how_to_read: Sequence[str] = field(default_factory=tuple)
    #: The questions to ask first across every priority (at most five), most material first.
    first_questions: Sequence[GeneratedQuestion] = ()

    @property
    def running_header(self) -> str:
        return f"{self.org_name} ({self.org_code}) · {self.period_label}"
