"""The board pack: one self-contained HTML file a board reads before and during its meeting.

Board papers go out a week before the meeting, get emailed, printed and opened on laptops
with no network. So the pack is a single HTML file that makes no request of any kind:
plotly.js is embedded once, inline, and every chart is drawn from its own inline data, so
the charts stay interactive offline. The same file prints to PDF (:mod:`impact.pdf`): the
``@page`` rules below give A4 landscape pages, a page break before every priority, and a
running header and footer with the organisation, the period, "data as at" and page numbers.

:func:`assemble_pack` gathers the answers from the same functions the board pages use
(:func:`impact.board.build_board`, the improvement and capability rules, the question
log), so the pack and the pages can never disagree; :func:`render_html` only lays them
out. Every piece of text that came from an extract (a project title, an organisation
name, an answer in the question log) is HTML-escaped here, in one place, so no extract
can put markup or script into a board paper.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from impact import capability, charts, icons, improvement, palette
from impact import spc as spc_engine
from impact.board import (
    MetricAnswer,
    OrgBoard,
    build_board,
)
from impact.data_status import DataAsAt, as_at_sentence, format_period, summarise
from impact.filters import BOARD_PRIORITIES, PRIORITY_TITLES, OrgTree, period_end
from impact.ingest import FileReport
from impact.question_log import BoardQuestion
from impact.units import format_value

#: Plotly options for charts in the pack: no logo link, no "edit in Chart Studio" link,
#: nothing that would reach out to a server; hover and zoom still work offline.
CHART_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["sendDataToCloud"],
}
#: Chart height in the pack: two lines of text and one chart fit an A4 landscape page.
CHART_HEIGHT = 360


@dataclass(frozen=True)
class Icon:
    """An MDC icon as the pages draw it: SVG from :mod:`impact.icons` and its words."""

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
class MetricEntry:
    """One metric's page in the pack: its question, answer, icons, chart and questions."""

    metric_id: str
    metric_name: str
    board_question: str
    answer: str
    latest: str
    target: str
    variation: Icon | None
    assurance: Icon | None
    questions: Sequence[str]
    figure: go.Figure | None
    ipr_row: Sequence[str]
    trend: Sequence[float] = ()
    open_questions: Sequence[QuestionItem] = ()
    notes: Sequence[str] = ()


@dataclass(frozen=True)
class PrioritySection:
    """A recovery priority: its metrics and the questions the board may wish to ask."""

    key: str
    title: str
    metrics: Sequence[MetricEntry]
    questions: Sequence[str] = ()
    notes: Sequence[str] = ()


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

    @property
    def running_header(self) -> str:
        return f"{self.org_name} ({self.org_code}) · {self.period_label}"


def esc(text: object) -> str:
    """Text from anywhere as safe HTML text (quotes too, so it is safe in attributes)."""
    return html.escape("" if text is None else str(text), quote=True)


def css_string(text: str) -> str:
    """Text as a CSS string literal, every character outside a small safe set escaped.

    The running header sits in ``@page`` CSS, where an organisation name containing a
    quote, a backslash or ``</style>`` would otherwise end the string or the style sheet.
    """
    safe = re.compile(r"[A-Za-z0-9 .,():;·/_-]")
    out = []
    for char in text:
        if not safe.fullmatch(char):
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _icon(icon: Icon | None) -> str:
    """An icon with its words (never colour or shape alone), as on the pages."""
    if icon is None:
        return ""
    svg = icon.markup if _is_trusted_icon(icon.markup) else ""
    return f'<span class="icon">{svg}<span class="icon-label">{esc(icon.label)}</span></span>'


def _is_trusted_icon(markup: str) -> bool:
    """Icons are drawn by our own code from fixed names; refuse anything that could run or
    fetch (script, event handlers, links), so the pack stays inert whatever changes there."""
    lowered = markup.lower()
    return (
        lowered.startswith("<svg")
        and "<script" not in lowered
        and "href" not in lowered
        and "url(" not in lowered
        and not re.search(r"\son[a-z]+\s*=", lowered)
    )


def _list(items: Iterable[str], css: str = "") -> str:
    entries = "".join(f"<li>{esc(i)}</li>" for i in items)
    if not entries:
        return ""
    cls = f' class="{css}"' if css else ""
    return f"<ul{cls}>{entries}</ul>"


def _table(table: Table, css: str = "") -> str:
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in table.columns)
    body = []
    for row in table.rows:
        cells = "".join(f"<td>{esc(c)}</td>" for c in row)
        body.append(f"<tr>{cells}</tr>")
    cls = f' class="{css}"' if css else ""
    return (
        f"<table{cls}><caption>{esc(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def trend_svg(values: Sequence[float], width: int = 110, height: int = 28) -> str:
    """A small inline sparkline of recent values, with its first and last value in words.

    Drawn from numbers only (no text from extracts), so it is safe markup by construction.
    """
    numbers = [float(v) for v in values if v is not None and not pd.isna(v)]
    if len(numbers) < 2:
        return ""
    low, high = min(numbers), max(numbers)
    span = (high - low) or 1.0
    step = (width - 4) / (len(numbers) - 1)
    coords = " ".join(
        f"{2 + i * step:.1f},{height - 2 - (v - low) / span * (height - 4):.1f}"
        for i, v in enumerate(numbers)
    )
    label = f"Trend over {len(numbers)} periods, from {numbers[0]:g} to {numbers[-1]:g}"
    return (
        f'<svg class="trend" role="img" aria-label="{esc(label)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">'
        f'<polyline fill="none" stroke="{palette.NHS_DARK_GREY}" stroke-width="1.5" '
        f'points="{coords}"/></svg>'
    )


def figure_html(figure: go.Figure, div_id: str) -> str:
    """A plotly chart as a ``div`` plus its inline data; plotly.js itself is in the head.

    Plotly escapes ``<`` and ``/`` inside its JSON, so a title taken from an extract cannot
    close the script element.
    """
    fig = go.Figure(figure)
    fig.update_layout(height=CHART_HEIGHT, autosize=True)
    return pio.to_html(
        fig,
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        div_id=div_id,
        config=CHART_CONFIG,
        default_width="100%",
        default_height=f"{CHART_HEIGHT}px",
    )


def _cover(pack: BoardPack) -> str:
    contents = [
        ("overview", "Overview: questions and answers"),
        ("ipr-summary", "Integrated performance summary"),
        *((f"priority-{p.key}", p.title) for p in pack.priorities),
        *((f"summary-{s.key}", s.title) for s in pack.summaries),
        ("open-questions", "Open questions from the board"),
        ("how-to-read", "How to read these charts"),
        ("data-sources", "Data sources"),
    ]
    toc = "".join(
        f'<li><a href="#{esc(anchor)}">{esc(title)}</a></li>' for anchor, title in contents
    )
    return (
        '<section class="cover" id="cover" aria-labelledby="cover-title">'
        '<p class="kicker">Board pack · improvement and performance</p>'
        f'<h1 id="cover-title">{esc(pack.org_name)}</h1>'
        f'<p class="org-code">Organisation code {esc(pack.org_code)}</p>'
        f'<p class="period">Period: {esc(pack.period_label)}</p>'
        f'<p class="as-at">{esc(pack.data_as_at_detail)}</p>'
        f'<p class="generated">Prepared {pack.generated_at:%d %B %Y at %H:%M}.</p>'
        f"{_list(pack.notes, 'notes')}"
        f'<nav aria-label="Contents"><h2>Contents</h2><ol class="toc">{toc}</ol></nav>'
        "</section>"
    )


def _overview(pack: BoardPack) -> str:
    parts = [
        '<section class="overview" id="overview" aria-labelledby="overview-title">',
        '<h2 id="overview-title">Overview: the board\'s questions and their answers</h2>',
    ]
    for priority in pack.priorities:
        parts.append(f'<h3 class="priority-heading">{esc(priority.title)}</h3>')
        parts.append(_list(priority.notes, "notes"))
        if not priority.metrics:
            parts.append("<p>No metrics with data for this priority and organisation.</p>")
            continue
        parts.append('<dl class="qa">')
        for metric in priority.metrics:
            parts.append(
                f"<dt>{esc(metric.board_question)}</dt>"
                f'<dd><span class="metric-name">{esc(metric.metric_name)}</span> · '
                f"{_icon(metric.variation)} {_icon(metric.assurance)}"
                f"<br>{esc(metric.answer)}</dd>"
            )
        parts.append("</dl>")
        if priority.questions:
            parts.append(
                '<div class="priority-questions"><h4>Questions the board may wish to ask</h4>'
                f"{_list(priority.questions)}</div>"
            )
    parts.append("</section>")
    return "".join(parts)


def _ipr(pack: BoardPack) -> str:
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in pack.ipr_columns)
    rows = []
    for priority in pack.priorities:
        span = len(pack.ipr_columns)
        rows.append(
            f'<tr class="group"><th colspan="{span}" scope="colgroup">'
            f"{esc(priority.title)}</th></tr>"
        )
        for metric in priority.metrics:
            cells = []
            for column, value in zip(pack.ipr_columns, metric.ipr_row, strict=True):
                if column == "Variation":
                    cells.append(f"<td>{_icon(metric.variation) or esc(value)}</td>")
                elif column == "Assurance":
                    cells.append(f"<td>{_icon(metric.assurance) or esc(value)}</td>")
                elif column == "Trend":
                    cells.append(f"<td>{trend_svg(metric.trend) or esc(value)}</td>")
                else:
                    cells.append(f"<td>{esc(value)}</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        '<section class="ipr" id="ipr-summary" aria-labelledby="ipr-title">'
        '<h2 id="ipr-title">Integrated performance summary</h2>'
        '<table class="ipr-table"><caption>Latest value, target, process limits and MDC icons '
        f"for every metric</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _metric(metric: MetricEntry, index: int) -> str:
    chart = ""
    if metric.figure is not None:
        chart = f'<div class="chart">{figure_html(metric.figure, f"chart-{index}")}</div>'
    open_q = ""
    if metric.open_questions:
        items = "".join(
            f"<li>{esc(q.question)} <span class='meta'>Owner: {esc(q.owner)} · due "
            f"{q.due_date:%d %b %Y}</span></li>"
            for q in metric.open_questions
        )
        open_q = f'<div class="open-q"><h5>Open questions from the board</h5><ul>{items}</ul></div>'
    questions = ""
    if metric.questions:
        questions = (
            '<div class="generated-q"><h5>Questions the board may wish to ask</h5>'
            f"{_list(metric.questions)}</div>"
        )
    return (
        f'<article class="metric" id="metric-{esc(_slug(metric.metric_id))}">'
        f"<h4>{esc(metric.board_question)}</h4>"
        f'<p class="metric-name">{esc(metric.metric_name)}</p>'
        f'<p class="answer">{esc(metric.answer)}</p>'
        f'<div class="figures">{_icon(metric.variation)} {_icon(metric.assurance)} '
        f"<span>Latest: <strong>{esc(metric.latest)}</strong></span> "
        f"<span>Target: <strong>{esc(metric.target)}</strong></span></div>"
        f"{_list(metric.notes, 'notes')}{chart}{questions}{open_q}</article>"
    )


def _priority(priority: PrioritySection, start_index: int) -> str:
    body = "".join(_metric(m, start_index + i) for i, m in enumerate(priority.metrics))
    if not priority.metrics:
        body = "<p>No metrics with data for this priority and organisation.</p>"
    closing = _list(priority.notes, "notes")
    return (
        f'<section class="priority" id="priority-{esc(priority.key)}" '
        f'aria-labelledby="priority-{esc(priority.key)}-title">'
        f'<h2 id="priority-{esc(priority.key)}-title">{esc(priority.title)}</h2>'
        f"{body}{closing}</section>"
    )


def _summary(section: SummarySection) -> str:
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in section.paragraphs)
    tables = "".join(_table(t) for t in section.tables)
    questions = ""
    if section.questions:
        questions = f"<h3>Questions the board may wish to ask</h3>{_list(section.questions)}"
    return (
        f'<section class="summary" id="summary-{esc(section.key)}" '
        f'aria-labelledby="summary-{esc(section.key)}-title">'
        f'<h2 id="summary-{esc(section.key)}-title">{esc(section.title)}</h2>'
        f"{paragraphs}{tables}{questions}</section>"
    )


def _open_questions(pack: BoardPack) -> str:
    if pack.open_questions:
        table = Table(
            caption="Questions the board asked that are still waiting for an answer",
            columns=("Metric", "Question", "Asked by", "Owner", "Asked", "Due"),
            rows=[
                (
                    q.metric_name,
                    q.question,
                    q.asked_by or "—",
                    q.owner,
                    f"{q.asked_on:%d %b %Y}",
                    f"{q.due_date:%d %b %Y}",
                )
                for q in pack.open_questions
            ],
        )
        body = _table(table, "questions-table")
    else:
        body = "<p>No open questions in the board's question log for this organisation.</p>"
    return (
        '<section class="open-questions" id="open-questions" aria-labelledby="oq-title">'
        f'<h2 id="oq-title">Open questions from the board</h2>{body}</section>'
    )


def _how_to_read(pack: BoardPack) -> str:
    rows = "".join(
        f"<tr><td>{_icon(entry.icon)}</td><td>{esc(entry.meaning)}</td></tr>"
        for entry in pack.icon_guide
    )
    intro = "".join(f"<p>{esc(p)}</p>" for p in pack.how_to_read)
    return (
        '<section class="how-to-read" id="how-to-read" aria-labelledby="htr-title">'
        f'<h2 id="htr-title">How to read these charts</h2>{intro}'
        '<table class="icon-guide"><caption>What each Making Data Count icon means</caption>'
        '<thead><tr><th scope="col">Icon</th><th scope="col">What it tells the board</th></tr>'
        f"</thead><tbody>{rows}</tbody></table></section>"
    )


def _sources(pack: BoardPack) -> str:
    table = Table(
        caption="Every extract file the figures in this pack were read from",
        columns=("File", "Contents", "Rows read", "Periods", "Last modified"),
        rows=[(s.path, s.contract, s.rows, s.periods, s.modified) for s in pack.sources],
    )
    body = _table(table, "sources-table") if pack.sources else "<p>No extract files were read.</p>"
    return (
        '<section class="data-sources" id="data-sources" aria-labelledby="ds-title">'
        f'<h2 id="ds-title">Data sources</h2><p>{esc(pack.data_as_at_detail)}</p>{body}</section>'
    )


def _style(pack: BoardPack) -> str:
    header = css_string(pack.running_header)
    as_at = css_string(pack.data_as_at)
    return f"""
@page {{
  size: A4 landscape;
  margin: 16mm 12mm 14mm 12mm;
  @top-left {{ content: {header}; font: 9pt Arial, sans-serif; color: #425563; }}
  @top-right {{ content: {as_at}; font: 9pt Arial, sans-serif; color: #425563; }}
  @bottom-left {{ content: "Board pack"; font: 9pt Arial, sans-serif; color: #425563; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages);
                  font: 9pt Arial, sans-serif; color: #425563; }}
}}
:root {{ color-scheme: light; }}
body {{ font-family: Arial, Helvetica, sans-serif; color: {palette.NHS_BLACK};
       margin: 0 auto; max-width: 1120px; padding: 0 16px; line-height: 1.45; font-size: 15px; }}
h1, h2, h3, h4 {{ color: {palette.NHS_DARK_BLUE}; line-height: 1.2; }}
h2 {{ border-bottom: 4px solid {palette.NHS_BLUE}; padding-bottom: 4px; }}
a {{ color: {palette.NHS_BLUE}; }}
.running {{ color: {palette.NHS_DARK_GREY}; font-size: 12px; border-bottom: 1px solid #d8dde0;
           padding: 6px 0; display: flex; justify-content: space-between; }}
.cover h1 {{ font-size: 40px; margin: 40px 0 8px; }}
.cover .kicker {{ background: {palette.NHS_BLUE}; color: #fff; padding: 10px 14px;
                 font-weight: bold; margin-top: 24px; }}
.cover .period {{ font-size: 22px; font-weight: bold; }}
.icon {{ display: inline-flex; align-items: center; gap: 4px; margin-right: 8px;
        vertical-align: middle; }}
.icon figure {{ display: inline-flex; align-items: center; gap: 6px; margin: 0; }}
.icon svg {{ width: 36px; height: 36px; flex: none; }}
.icon figcaption {{ font-size: 13px; }}
.figures {{ display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin: 6px 0; }}
.icon-label {{ font-size: 13px; }}
table {{ border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; }}
caption {{ text-align: left; font-weight: bold; padding: 4px 0; }}
th, td {{ border: 1px solid #d8dde0; padding: 4px 6px; text-align: left; vertical-align: top; }}
thead th {{ background: {palette.NHS_PALE_GREY}; }}
tr.group th {{ background: {palette.NHS_DARK_BLUE}; color: #fff; }}
dl.qa dt {{ font-weight: bold; margin-top: 10px; }}
dl.qa dd {{ margin: 2px 0 6px 16px; }}
.metric {{ border-top: 1px solid #d8dde0; padding-top: 8px; margin-top: 12px; }}
.metric h4 {{ font-size: 18px; margin: 4px 0; }}
.metric .answer {{ font-size: 16px; }}
.metric-name {{ color: {palette.NHS_DARK_GREY}; }}
.figures span {{ margin-right: 16px; }}
.meta {{ color: {palette.NHS_DARK_GREY}; font-size: 12px; }}
.generated-q, .open-q, .priority-questions {{ background: #f0f4f5; padding: 6px 12px;
  border-left: 4px solid {palette.NHS_BLUE}; margin: 8px 0; }}
.open-q {{ border-left-color: {palette.NHS_WARM_YELLOW}; }}
h5 {{ margin: 4px 0; font-size: 14px; }}
.notes {{ color: {palette.NHS_DARK_GREY}; }}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 11pt; }}
  .running {{ display: none; }}
  .modebar-container, .modebar {{ display: none !important; }}
  section.overview, section.ipr, section.priority, section.summary, section.open-questions,
  section.how-to-read, section.data-sources {{ break-before: page; }}
  .metric {{ break-inside: avoid; }}
  tr {{ break-inside: avoid; }}
  h2, h3, h4 {{ break-after: avoid; }}
  a {{ color: inherit; text-decoration: none; }}
}}
"""


def render_html(pack: BoardPack) -> str:
    """The whole pack as one HTML document with plotly.js inline and no external reference."""
    body: list[str] = [_cover(pack), _overview(pack), _ipr(pack)]
    index = 0
    for priority in pack.priorities:
        body.append(_priority(priority, index))
        index += len(priority.metrics)
    body.extend(_summary(s) for s in pack.summaries)
    body.extend([_open_questions(pack), _how_to_read(pack), _sources(pack)])
    title = f"Board pack: {pack.org_name}, {pack.period_label}"
    running = (
        f'<div class="running" aria-hidden="true"><span>{esc(pack.running_header)}</span>'
        f"<span>{esc(pack.data_as_at)}</span></div>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{_style(pack)}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script>'
        f"</head><body>{running}<main>{''.join(body)}</main></body></html>"
    )


# --------------------------------------------------------------------------- assembly

#: The IPR summary's columns, as the board overview's summary table names them.
IPR_COLUMNS = (
    "Metric",
    "Latest",
    "Target",
    "Mean",
    "Lower process limit",
    "Upper process limit",
    "Variation",
    "Assurance",
    "Trend",
)

QueryFn = Callable[..., pd.DataFrame]


def period_label(period_from: date, period_to: date) -> str:
    """``Apr 2024 to Mar 2025``: the period as the cover and running header name it."""
    return f"{period_from:%b %Y} to {period_to:%b %Y}"


def assemble_pack(
    query: QueryFn,
    org_code: str,
    period_from: date,
    period_to: date,
    *,
    files: Sequence[FileReport] = (),
    questions: Sequence[BoardQuestion] = (),
    board: OrgBoard | None = None,
    peer_scope: str = "parent",
    now: datetime | None = None,
) -> BoardPack:
    """Gather every answer the pack shows for one organisation and period.

    ``query`` is the store's named-query function (or the pages' cached wrapper of it),
    ``files`` the store's file reports (the data-sources page), ``questions`` the board's
    question log entries; ``peer_scope`` the peer filter (``parent`` or ``region``) the
    capability comparison uses. ``board`` may be passed when the caller already built it (the
    pages cache it), so the pack shows exactly the answers on screen.
    """
    moment = now or datetime.now()
    tree = OrgTree.from_frame(query("board_org_tree"))
    if org_code not in tree:
        raise ValueError(f"No organisation {org_code!r} in the data.")
    board = board or build_board(query, org_code, period_from, period_to)
    catalogue = query("board_metrics")
    names = dict(zip(catalogue["metric_id"], catalogue["metric_name"], strict=True))
    open_items = [
        QuestionItem(
            metric_name=names.get(q.metric_id, q.metric_id),
            question=q.question,
            owner=q.owner,
            asked_on=q.asked_on,
            due_date=q.due_date,
            asked_by=q.asked_by,
        )
        for q in questions
        if q.is_open and q.org_code == org_code
    ]
    open_by_metric: dict[str, list[QuestionItem]] = {}
    for q, item in zip(
        (q for q in questions if q.is_open and q.org_code == org_code), open_items, strict=True
    ):
        open_by_metric.setdefault(q.metric_id, []).append(item)

    priorities = []
    for key in BOARD_PRIORITIES:
        answers = board.by_priority(key)
        missing = board.missing_for(key)
        questions_here = [q for _, q in board.questions(key)]
        section_notes = (
            [f"No data in this period for: {', '.join(m.metric_name for m in missing)}."]
            if missing
            else []
        )
        priorities.append(
            PrioritySection(
                key=key,
                title=PRIORITY_TITLES[key],
                metrics=[
                    _metric_entry(a, open_by_metric.get(a.metric.metric_id, [])) for a in answers
                ],
                questions=questions_here,
                notes=section_notes,
            )
        )
    status = _data_status(query, files, moment.date())
    summaries = [
        _improvement_summary(query, tree, board, org_code, period_from, period_to),
        _capability_summary(query, tree, org_code, period_from, period_to, peer_scope),
    ]
    return BoardPack(
        org_code=org_code,
        org_name=tree.name(org_code),
        period_label=period_label(period_from, period_to),
        data_as_at=f"Data as at {format_period(status.latest_period)}",
        data_as_at_detail=as_at_sentence(status),
        generated_at=moment,
        priorities=priorities,
        ipr_columns=IPR_COLUMNS,
        icon_guide=icon_guide(),
        how_to_read=HOW_TO_READ,
        sources=[_source(f) for f in files],
        open_questions=open_items,
        summaries=summaries,
    )


#: The plain-English introduction of the "How to read these charts" page.
HOW_TO_READ: tuple[str, ...] = (
    "Each chart is a statistical process control (SPC) chart, drawn the NHS England "
    "\u201cMaking Data Count\u201d way. The dots are the monthly values; the solid line is "
    "their average; the dashed lines are the process limits, the range the process "
    "would normally vary within. A dotted red line is the target.",
    "A dot is coloured when one of four rules finds a change that is unlikely to be chance: "
    "a point outside the limits; seven points in a row rising or falling; seven points in a "
    "row on one side of the average; or two of three points close to a limit. Blue dots are "
    "a change for the better, orange for the worse, purple where higher or lower is neither "
    "good nor bad. Grey dots are the usual ups and downs.",
    "Two icons sum each chart up. The variation icon says whether the latest point shows a "
    "real change. The assurance icon says whether the process, as it runs now, can be relied "
    "on to meet the target. Each icon always carries its label, so no meaning depends on "
    "colour.",
    "Where limits restart (a dashed vertical line), something changed the process and the "
    "limits were recalculated from that point.",
)

#: What each icon tells a board, in plain words: (kind, SPC type, direction, meaning).
ICON_MEANINGS: tuple[tuple[str, str, str, str], ...] = (
    (
        "variation",
        "common_cause",
        "increase",
        "Common cause: the latest value is within the usual ups and downs. Nothing has "
        "changed that needs explaining.",
    ),
    (
        "variation",
        "special_cause_improvement",
        "increase",
        "Special cause improvement (higher is better): the process has moved up, for the "
        "better. Worth understanding so it can be held.",
    ),
    (
        "variation",
        "special_cause_improvement",
        "decrease",
        "Special cause improvement (lower is better): the process has moved down, for the better.",
    ),
    (
        "variation",
        "special_cause_concern",
        "decrease",
        "Special cause concern (lower is better): the process has moved up, for the worse. "
        "Worth asking what changed.",
    ),
    (
        "variation",
        "special_cause_concern",
        "increase",
        "Special cause concern (higher is better): the process has moved down, for the worse.",
    ),
    (
        "variation",
        "special_cause_neutral_high",
        "neutral",
        "Special cause, neutral: the process has moved up, where neither direction is better "
        "(for example a count of attendances).",
    ),
    (
        "variation",
        "special_cause_neutral_low",
        "neutral",
        "Special cause, neutral: the process has moved down, where neither direction is better.",
    ),
    (
        "assurance",
        "consistent_pass",
        "",
        "Target consistently met: the target lies outside the process limits on the good side, "
        "so the process will meet it every month unless something changes.",
    ),
    (
        "assurance",
        "consistent_fail",
        "",
        "Target consistently missed: the target lies outside the process limits on the wrong "
        "side, so it will not be met without a change to the process.",
    ),
    (
        "assurance",
        "inconsistent",
        "",
        "Hit and miss: the target lies within the process limits, so it will be met in some "
        "months and missed in others by chance alone.",
    ),
)


def variation_icon(point_type: str | None, direction: str) -> Icon | None:
    """The variation icon the pages draw (:mod:`impact.icons`), with its words; ``None``
    without an SPC result (the IPR row then says so in words)."""
    if not point_type:
        return None
    name = spc_engine.variation_icon_name(point_type, direction)
    return Icon(markup=icons.variation_icon_svg(name), label=icons.variation_label(name))


def assurance_icon(assurance: str | None) -> Icon | None:
    """The assurance icon the pages draw, with its words; ``None`` without a target."""
    if not assurance:
        return None
    name = spc_engine.assurance_icon_name(assurance)
    return Icon(markup=icons.assurance_icon_svg(name), label=icons.assurance_label(name))


def icon_guide() -> list[IconGuideEntry]:
    """The "How to read these charts" rows: every MDC icon with its meaning in plain words."""
    entries = []
    for kind, kind_type, direction, meaning in ICON_MEANINGS:
        icon = (
            variation_icon(kind_type, direction)
            if kind == "variation"
            else assurance_icon(kind_type)
        )
        if icon is not None:
            entries.append(IconGuideEntry(icon=icon, meaning=meaning))
    return entries


def _metric_entry(answer: MetricAnswer, open_questions: Sequence[QuestionItem]) -> MetricEntry:
    metric = answer.metric
    unit = metric.unit
    latest = answer.latest_text
    if answer.latest_period is not None:
        latest = f"{latest} ({format_period(answer.latest_period, metric.frequency)})"
    notes = []
    if answer.stale:
        notes.append("Stale: the latest figures are older than this measure's frequency allows.")
    figure = charts.spc_figure(
        answer.points,
        title=metric.metric_name,
        unit=unit,
        targets=answer.targets,
        events=answer.events,
    )
    variation = variation_icon(answer.variation, metric.direction)
    assurance = assurance_icon(answer.assurance)
    return MetricEntry(
        metric_id=metric.metric_id,
        metric_name=metric.metric_name,
        board_question=metric.board_question,
        answer=answer.answer,
        latest=latest,
        target=answer.target_text,
        variation=variation,
        assurance=assurance,
        questions=list(answer.questions),
        figure=figure,
        ipr_row=(
            metric.metric_name,
            latest,
            answer.target_text,
            format_value(answer.mean, unit),
            format_value(answer.lpl, unit),
            format_value(answer.upl, unit),
            answer.variation_label,
            answer.assurance_label,
            "",
        ),
        trend=[float(v) for v in answer.points["value"].dropna().tail(24)],
        open_questions=list(open_questions),
        notes=notes,
    )


def _data_status(query: QueryFn, files: Sequence[FileReport], today: date) -> DataAsAt:
    """The same "data as at" summary the pages show: latest period, newest extract file."""
    latest = query("data_page_latest_by_metric", org_code=None)
    times = [(f.path, f.mtime) for f in files if f.origin == "data"]
    return summarise(latest, times, today)


def _source(report: FileReport) -> SourceFile:
    periods = "—"
    if report.first_period and report.last_period:
        periods = f"{report.first_period} to {report.last_period}"
    contents = report.contract or report.reader or "not recognised"
    if report.reader and report.contract:
        contents = f"{report.reader} ({report.contract})"
    rows = f"{report.rows_read:,}"
    if report.rows_rejected:
        rows += f" ({report.rows_rejected:,} rejected)"
    modified = datetime.fromtimestamp(report.mtime).strftime("%d %b %Y %H:%M")
    return SourceFile(report.path, contents, rows, periods, modified)


def _improvement_summary(
    query: QueryFn,
    tree: OrgTree,
    board: OrgBoard,
    org_code: str,
    period_from: date,
    period_to: date,
) -> SummarySection:
    """Improvement activity, built by the Improvement page's own function (same answers)."""
    last_day = period_end(period_to)
    view = improvement.build_improvement(
        query,
        improvement.scope_codes(tree, org_code),
        period_from,
        last_day,
        improvement.assurance_from_board(board),
        last_day,
    )
    title = "Improvement activity"
    alignment = Table(
        "Is our effort aimed at our biggest gaps?",
        ("Metric", "Assurance", "Active projects", "What this suggests"),
        [
            (str(r.metric_name), str(r.assurance), f"{r.active_projects}", str(r.alignment))
            for r in view.alignment.itertuples(index=False)
        ],
    )
    if view.projects.empty:
        return SummarySection(
            key="improvement",
            title=title,
            paragraphs=["No improvement projects were running in this period."],
            tables=[alignment] if not view.alignment.empty else [],
            questions=view.questions,
        )
    portfolio = view.portfolio
    counts = improvement.portfolio_counts(portfolio, "status")
    count_words = ", ".join(
        f"{n} {s}" for s, n in zip(counts["status"], counts["projects"], strict=True)
    )
    effects = [view.answers[p] for p in portfolio["project_id"]]
    tally = improvement.effect_counts(effects)
    tally_words = "; ".join(
        f"{improvement.EFFECT_HEADLINES[k].lower()}: {n}" for k, n in tally.items() if n
    )
    portfolio_rows = [
        (
            _cell(r.title),
            _cell(r.org_name) or _cell(r.org_code),
            _cell(r.status).capitalize(),
            _cell(r.method) or "Not stated",
            _cell(r.lead) or "Not stated",
            f"{int(r.cycles)}",
            f"{int(r.months_running)}",
        )
        for r in portfolio.itertuples(index=False)
    ]
    effect_rows = [
        (
            _cell(r.title),
            _cell(r.metric_name) or "No outcome measure linked",
            view.answers[r.project_id].headline,
            view.answers[r.project_id].sentence,
        )
        for r in portfolio.itertuples(index=False)
    ]
    return SummarySection(
        key="improvement",
        title=title,
        paragraphs=[
            f"{len(portfolio)} improvement projects ran in this period ({count_words}).",
            f"Is it working? {tally_words}.",
        ],
        tables=[
            Table(
                "Improvement portfolio",
                ("Project", "Organisation", "Status", "Method", "Lead", "PDSA cycles", "Months"),
                portfolio_rows,
            ),
            Table(
                "Is it working? What each project's outcome measure shows since it began",
                ("Project", "Outcome measure", "What the data shows", "Detail"),
                effect_rows,
            ),
            alignment,
        ],
        questions=view.questions,
    )


def _cell(value: object) -> str:
    """A table cell's text: blank for a missing value (None, NaN, NaT)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _capability_summary(
    query: QueryFn,
    tree: OrgTree,
    org_code: str,
    period_from: date,
    period_to: date,
    peer_scope: str,
) -> SummarySection:
    """NHS IMPACT capability, built by the Capability page's own function (same answers)."""
    org_name = tree.name(org_code)
    view = capability.build_capability(
        query,
        org_code=org_code,
        org_name=org_name,
        peer_codes=[o.code for o in tree.peers(org_code, peer_scope)],
        period_from=period_from,
        period_to=period_end(period_to),
    )
    paragraphs = []
    if view.assessed:
        newest = pd.Timestamp(view.latest["assessment_date"].max())
        paragraphs.append(f"Latest NHS IMPACT self-assessment: {improvement.month_label(newest)}.")
    else:
        paragraphs.append("There is no NHS IMPACT self-assessment for this organisation yet.")
    if view.capacity.empty:
        paragraphs.append("No improvement capability figures in this period.")
    else:
        last = view.capacity.iloc[-1]
        paragraphs.append(
            f"In {improvement.month_label(last['period_start'])}, "
            f"{last['trained_any_pct']:.1f}% of {int(last['headcount']):,} staff had improvement "
            f"training and there were {last['coaches_per_1000']:.1f} improvement coaches per "
            "1,000 staff."
        )
    medians = dict(zip(view.peers["component"], view.peers["peer_median"], strict=True))
    rows = [
        (
            str(r.title),
            "—" if pd.isna(r.score) else f"{r.score:g}",
            capability.change_words(r.change) if not pd.isna(r.score) else "not assessed",
            "—" if pd.isna(medians.get(r.component)) else f"{medians[r.component]:g}",
        )
        for r in view.latest.itertuples(index=False)
    ]
    return SummarySection(
        key="capability",
        title="NHS IMPACT capability",
        paragraphs=paragraphs,
        tables=[
            Table(
                "Self-assessment score (1 to 5) by NHS IMPACT component",
                ("Component", "Latest score", "Change since previous", "Peer median"),
                rows,
            )
        ],
        questions=view.questions,
    )
