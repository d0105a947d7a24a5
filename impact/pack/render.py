"""The board pack as one self-contained HTML document: the layout of every section.

Board papers go out a week before the meeting, get emailed, printed and opened on laptops
with no network. So the pack is a single HTML file that makes no request of any kind:
plotly.js is embedded once, inline, and every chart is drawn from its own inline data, so
the charts stay interactive offline. The same file prints to PDF (:mod:`impact.pack.pdf`):
the ``@page`` rules of ``pack.css`` give A4 landscape pages, a page break before every
priority, and a running header and footer with the organisation, the period, "data as at"
and page numbers.

This module only lays out a :class:`~impact.pack.model.BoardPack`; it computes no answer.
Text is escaped by the helpers of :mod:`impact.pack.markup`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from string import Template

from plotly.offline import get_plotlyjs

from impact import palette
from impact.pack.markup import (
    css_string,
    esc,
    figure_html,
    icon_html,
    list_html,
    slug,
    table_html,
    trend_svg,
)
from impact.pack.model import (
    BoardPack,
    GeneratedQuestion,
    MetricEntry,
    PrioritySection,
    SummarySection,
    Table,
)

#: The appendix holding each priority's questions after its first three.
MORE_QUESTIONS_TITLE = "More questions the board may wish to ask"

#: The pack's style sheet: a ``string.Template`` whose ``$names`` are the running header,
#: the "data as at" line (both CSS-escaped) and the NHS palette colours, lower-cased.
STYLE_SHEET = Path(__file__).with_name("pack.css")


def _cover(pack: BoardPack) -> str:
    contents = [
        ("overview", "Overview: questions and answers"),
        ("ipr-summary", "Integrated performance summary"),
        *((f"priority-{p.key}", p.title) for p in pack.priorities),
        *((f"summary-{s.key}", s.title) for s in pack.summaries),
        ("more-questions", MORE_QUESTIONS_TITLE),
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
        f"{list_html(pack.notes, 'notes')}"
        f'<nav aria-label="Contents"><h2>Contents</h2><ol class="toc">{toc}</ol></nav>'
        "</section>"
    )


def ranked_html(questions: Sequence[GeneratedQuestion]) -> str:
    """An ordered list of ranked questions, numbered by rank: metric, question, reason."""
    if not questions:
        return ""
    items = "".join(
        f"<li><strong>{esc(q.metric_name)}</strong>: {esc(q.question)}"
        f'<br><span class="meta">{esc(q.reason)}</span></li>'
        for q in questions
    )
    return f'<ol class="ranked-questions" start="{questions[0].rank}">{items}</ol>'


def _more_note(priority: PrioritySection) -> str:
    count = len(priority.more_questions)
    if not count:
        return ""
    about = "question" if count == 1 else "questions"
    return (
        f'<p class="more">{count} more {about} about {esc(priority.title.lower())} in '
        f'<a href="#more-questions">{esc(MORE_QUESTIONS_TITLE)}</a>.</p>'
    )


def _overview(pack: BoardPack) -> str:
    parts = [
        '<section class="overview" id="overview" aria-labelledby="overview-title">',
        '<h2 id="overview-title">Overview: the board\'s questions and their answers</h2>',
    ]
    if pack.first_questions:
        parts.append(
            '<div class="first-questions"><h3>Questions the board may wish to ask first</h3>'
            f"{ranked_html(pack.first_questions)}</div>"
        )
    for priority in pack.priorities:
        parts.append(f'<h3 class="priority-heading">{esc(priority.title)}</h3>')
        parts.append(list_html(priority.notes, "notes"))
        if not priority.metrics:
            parts.append("<p>No metrics with data for this priority and organisation.</p>")
            continue
        parts.append('<dl class="qa">')
        for metric in priority.metrics:
            parts.append(
                f"<dt>{esc(metric.board_question)}</dt>"
                f'<dd><span class="metric-name">{esc(metric.metric_name)}</span> · '
                f"{icon_html(metric.variation)} {icon_html(metric.assurance)}"
                f"<br>{esc(metric.answer)}</dd>"
            )
        parts.append("</dl>")
        if priority.questions:
            parts.append(
                '<div class="priority-questions"><h4>Questions the board may wish to ask</h4>'
                f"{ranked_html(priority.questions)}{_more_note(priority)}</div>"
            )
    parts.append("</section>")
    return "".join(parts)


def _more_questions(pack: BoardPack) -> str:
    """The appendix: each priority's questions after its first three, in rank order."""
    parts = []
    for priority in pack.priorities:
        if priority.more_questions:
            parts.append(f"<h3>{esc(priority.title)}</h3>{ranked_html(priority.more_questions)}")
    body = "".join(parts) or "<p>Every question the data raise is in the overview.</p>"
    return (
        '<section class="more-questions" id="more-questions" aria-labelledby="mq-title">'
        f'<h2 id="mq-title">{esc(MORE_QUESTIONS_TITLE)}</h2>'
        "<p>The overview lists the three most material questions for each priority; these "
        "are the others, most material first.</p>"
        f"{body}</section>"
    )


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
                    cells.append(f"<td>{icon_html(metric.variation) or esc(value)}</td>")
                elif column == "Assurance":
                    cells.append(f"<td>{icon_html(metric.assurance) or esc(value)}</td>")
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
    outlook = "".join(
        f'<p class="outlook"><strong>Outlook:</strong> {esc(o)}</p>' for o in metric.outlook
    )
    funnel = (
        f'<p class="funnel-sentence">{esc(metric.funnel_sentence)}</p>'
        if metric.funnel_sentence
        else ""
    )
    if metric.funnel_figure is not None:
        funnel += f'<div class="chart">{figure_html(metric.funnel_figure, f"funnel-{index}")}</div>'
    return (
        f'<article class="metric" id="metric-{esc(slug(metric.metric_id))}">'
        f"<h4>{esc(metric.board_question)}</h4>"
        f'<p class="metric-name">{esc(metric.metric_name)}</p>'
        f'<p class="answer">{esc(metric.answer)}</p>'
        f"{_plan_html(metric)}"
        f'<div class="figures">{icon_html(metric.variation)} {icon_html(metric.assurance)} '
        f"<span>Latest: <strong>{esc(metric.latest)}</strong></span> "
        f"<span>Target: <strong>{esc(metric.target)}</strong></span></div>"
        f"{list_html(metric.notes, 'notes')}{outlook}{chart}{funnel}{open_q}</article>"
    )


def _plan_html(metric: MetricEntry) -> str:
    """The plan sentence and which plan, and how a relative target was set, under the answer."""
    parts = []
    if metric.plan:
        parts.append(
            f'<p class="plan">{esc(metric.plan)} '
            f'<span class="plan-source">(Plan: {esc(metric.plan_source)})</span></p>'
        )
    if metric.target_rule:
        parts.append(
            f'<p class="target-rule">Target {esc(metric.target)}: {esc(metric.target_rule)}</p>'
        )
    return "".join(parts)


def _priority(priority: PrioritySection, start_index: int) -> str:
    body = "".join(_metric(m, start_index + i) for i, m in enumerate(priority.metrics))
    if not priority.metrics:
        body = "<p>No metrics with data for this priority and organisation.</p>"
    closing = list_html(priority.notes, "notes")
    return (
        f'<section class="priority" id="priority-{esc(priority.key)}" '
        f'aria-labelledby="priority-{esc(priority.key)}-title">'
        f'<h2 id="priority-{esc(priority.key)}-title">{esc(priority.title)}</h2>'
        f"{body}{closing}</section>"
    )


def _summary(section: SummarySection) -> str:
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in section.paragraphs)
    tables = "".join(table_html(t) for t in section.tables)
    questions = ""
    if section.questions:
        questions = f"<h3>Questions the board may wish to ask</h3>{list_html(section.questions)}"
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
        body = table_html(table, "questions-table")
    else:
        body = "<p>No open questions in the board's question log for this organisation.</p>"
    return (
        '<section class="open-questions" id="open-questions" aria-labelledby="oq-title">'
        f'<h2 id="oq-title">Open questions from the board</h2>{body}</section>'
    )


def _how_to_read(pack: BoardPack) -> str:
    rows = "".join(
        f"<tr><td>{icon_html(entry.icon)}</td><td>{esc(entry.meaning)}</td></tr>"
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
    body = (
        table_html(table, "sources-table") if pack.sources else "<p>No extract files were read.</p>"
    )
    return (
        '<section class="data-sources" id="data-sources" aria-labelledby="ds-title">'
        f'<h2 id="ds-title">Data sources</h2><p>{esc(pack.data_as_at_detail)}</p>{body}</section>'
    )


def style(pack: BoardPack) -> str:
    """The style sheet with this pack's running header and "data as at" filled in."""
    colours = {
        name.lower(): value for name, value in vars(palette).items() if name.startswith("NHS_")
    }
    template = Template(STYLE_SHEET.read_text(encoding="utf-8"))
    return "\n" + template.substitute(
        header=css_string(pack.running_header), as_at=css_string(pack.data_as_at), **colours
    )


def render_html(pack: BoardPack) -> str:
    """The whole pack as one HTML document with plotly.js inline and no external reference."""
    body: list[str] = [_cover(pack), _overview(pack), _ipr(pack)]
    index = 0
    for priority in pack.priorities:
        body.append(_priority(priority, index))
        index += len(priority.metrics)
    body.extend(_summary(s) for s in pack.summaries)
    body.extend([_more_questions(pack), _open_questions(pack), _how_to_read(pack), _sources(pack)])
    title = f"Board pack: {pack.org_name}, {pack.period_label}"
    running = (
        f'<div class="running" aria-hidden="true"><span>{esc(pack.running_header)}</span>'
        f"<span>{esc(pack.data_as_at)}</span></div>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{style(pack)}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script>'
        f"</head><body>{running}<main>{''.join(body)}</main></body></html>"
    )
