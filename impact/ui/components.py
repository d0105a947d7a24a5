"""Building blocks the board pages draw: stamp, metric card, tables, charts, downloads.

Each takes results from :mod:`impact.board` and draws them; none computes a number. The
pages stay a few lines long, and the overview, priority pages and metric detail show a
metric in the same words.
"""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from impact import charts, icons, palette
from impact.board import MetricAnswer, OrgBoard, ipr_rows
from impact.csv_safe import to_safe_csv
from impact.filters import FilterState, OrgTree, period_end
from impact.ui import state as data
from impact.units import format_value

METRIC_DETAIL_PAGE = "views/metric_detail.py"
METRIC_DETAIL_URL = "metric-detail"


def url_notes(notes: list[str]) -> None:
    """Say which link values were not usable (and what is shown instead)."""
    for note in notes:
        st.info(note, icon=":material/info:")


def as_at_stamp(board: OrgBoard) -> None:
    """ "Data as at": the newest period present and the newest extract file's time."""
    latest = board.data_latest_period.strftime("%B %Y") if board.data_latest_period else "none"
    newest = data.newest_file_time()
    file_text = newest.strftime("%d %b %Y %H:%M UTC") if newest is not None else "no extract files"
    st.html(
        '<div class="as-at" role="note" aria-label="Data as at">'
        f"<strong>Data as at:</strong> latest period {escape(latest)} · "
        f"newest extract file updated {escape(file_text)}</div>"
    )
    if board.stale:
        items = "; ".join(
            f"{a.metric.metric_name} (latest {a.latest_period:%b %Y}, {a.metric.frequency}ly)"
            for a in board.stale
            if a.latest_period
        )
        st.warning(f"Stale data — older than its reporting frequency allows: {items}.")


def icon_pair(answer: MetricAnswer) -> None:
    """The variation and assurance icons, each with its words (never colour alone)."""
    parts = []
    if answer.variation_icon:
        parts.append(
            _figure(
                icons.variation_icon_svg(answer.variation_icon), "Variation", answer.variation_label
            )
        )
    else:
        parts.append(_figure("", "Variation", answer.variation_label))
    if answer.assurance:
        parts.append(
            _figure(icons.assurance_icon_svg(answer.assurance), "Assurance", answer.assurance_label)
        )
    else:
        parts.append(_figure("", "Assurance", answer.assurance_label))
    st.html(f'<div class="icon-pair">{"".join(parts)}</div>')


def _figure(svg: str, kind: str, label: str) -> str:
    """An icon with its words beside it.

    The SVG is shown as an image (Streamlit's HTML sanitiser drops inline SVG); its ``alt``
    is empty because the caption beside it already says the same words to a screen reader.
    """
    image = f'<img src="{icons.icon_data_uri(svg)}" alt="" width="48" height="48">' if svg else ""
    return (
        f"<figure>{image}<figcaption><strong>{escape(kind)}:</strong> "
        f"{escape(label)}</figcaption></figure>"
    )


def stale_flag(answer: MetricAnswer) -> str:
    return " · **Stale data**" if answer.stale else ""


def detail_params(state: FilterState, metric_id: str) -> dict[str, str]:
    return {**state.to_params(), "metric": metric_id}


def metric_card(answer: MetricAnswer, state: FilterState, *, spark: bool = True) -> None:
    """One metric as its board question, answered (the overview's unit)."""
    m = answer.metric
    with st.container(border=True):
        st.subheader(m.board_question)
        left, right = st.columns([3, 2])
        with left:
            st.markdown(answer.answer)
            icon_pair(answer)
        with right:
            target = f" · target {answer.target_text}" if answer.target is not None else ""
            when = answer.latest_period.strftime("%b %Y") if answer.latest_period else ""
            st.markdown(
                f"**{m.metric_name}**  \nLatest ({when}): **{answer.latest_text}**{target}"
                f"{stale_flag(answer)}"
            )
            if spark:
                svg = charts.sparkline_svg(answer.points, unit=m.unit)
                label = escape(charts.sparkline_label(answer.points, unit=m.unit), quote=True)
                if svg:
                    st.html(
                        f'<img src="{icons.icon_data_uri(svg)}" alt="{label}" '
                        'width="240" height="56">'
                    )
        st.page_link(
            METRIC_DETAIL_PAGE,
            label=f"Open the detail for {m.metric_name}",
            icon=":material/arrow_forward:",
            query_params=detail_params(state, m.metric_id),
        )


#: Short Making Data Count words for the summary table, whose columns cannot hold the full
#: sentences (the metric cards and the detail page say them in full).
VARIATION_SHORT = {
    "common_cause": "Common cause",
    "improvement_high": "Improvement (high)",
    "improvement_low": "Improvement (low)",
    "concern_high": "Concern (high)",
    "concern_low": "Concern (low)",
    "neutral_high": "Neutral (high)",
    "neutral_low": "Neutral (low)",
}
ASSURANCE_SHORT = {"pass": "Passing", "fail": "Failing", "inconsistent": "Hit and miss"}
NO_VARIATION_SHORT = "Too few points"
NO_ASSURANCE_SHORT = "No target"


def short_variation(answer: MetricAnswer) -> str:
    icon = answer.variation_icon
    return VARIATION_SHORT[icons.variation_name(icon)] if icon else NO_VARIATION_SHORT


def short_assurance(answer: MetricAnswer) -> str:
    kind = answer.assurance
    return ASSURANCE_SHORT[icons.assurance_name(kind)] if kind else NO_ASSURANCE_SHORT


def ipr_frame(board: OrgBoard, state: FilterState, priority: str | None = None) -> pd.DataFrame:
    """The summary rows with what the table shows: short icon words, limits, detail link.

    The full variation and assurance sentences stay in the frame (``variation``,
    ``assurance``) for anyone reading the data; the table shows the short words so that the
    metric's name, the numbers and the trend fit a 1600-pixel screen without scrolling.
    """
    rows = ipr_rows(board, priority)
    if rows.empty:
        return rows
    answers = [board.answer(m) for m in rows["metric_id"]]
    rows["variation_short"] = [short_variation(a) for a in answers if a is not None]
    rows["assurance_short"] = [short_assurance(a) for a in answers if a is not None]
    rows["limits"] = [f"{lpl} to {upl}" for lpl, upl in zip(rows["lpl"], rows["upl"], strict=True)]
    rows["open"] = [
        f"{METRIC_DETAIL_URL}?{state.query_string(metric=m)}" for m in rows["metric_id"]
    ]
    return rows


#: Streamlit's table geometry (header and row height, pixels), to size a table to its rows.
TABLE_HEADER_PX = 35
TABLE_ROW_PX = 35


def ipr_table(board: OrgBoard, state: FilterState, priority: str | None = None) -> None:
    """The integrated performance report summary; each row links to the metric detail.

    Widths are set so the whole table fits the main column at 1600 pixels with the sidebar
    open: the metric's name in full, and the trend and detail link without scrolling.
    """
    rows = ipr_frame(board, state, priority)
    if rows.empty:
        st.markdown("No metrics with data for this organisation and period.")
        return
    order = ["metric", "latest", "target", "mean", "limits", "variation_short"]
    order += ["assurance_short", *(["stale"] if rows["stale"].astype(bool).any() else [])]
    order += ["trend", "open"]
    st.dataframe(
        rows,
        hide_index=True,
        height=TABLE_HEADER_PX + TABLE_ROW_PX * len(rows) + 3,  # every row, no inner scroll
        column_order=order,
        column_config={
            "metric": st.column_config.TextColumn("Metric", width=316),
            "latest": st.column_config.TextColumn("Latest", width=68, alignment="right"),
            "target": st.column_config.TextColumn("Target", width=62, alignment="right"),
            "mean": st.column_config.TextColumn("Mean", width=68, alignment="right"),
            "limits": st.column_config.TextColumn(
                "Process limits",
                width=124,
                help="The lower and upper process limits: the range the process varies within.",
            ),
            "variation_short": st.column_config.TextColumn(
                "Variation",
                width=124,
                help="Making Data Count variation of the latest point (in full on each card).",
            ),
            "assurance_short": st.column_config.TextColumn(
                "Assurance",
                width=96,
                help="Whether the target will be met (in full on each card).",
            ),
            "stale": st.column_config.TextColumn("Data", width=60),
            "trend": st.column_config.LineChartColumn("Trend", width=96),
            "open": st.column_config.LinkColumn("Detail", display_text="Open", width=60),
        },
    )


QUESTIONS_HEADING = "Questions the board may wish to ask"


def question_list(questions: list[str], *, empty: str | None, header: bool = False) -> None:
    """ "Questions the board may wish to ask" and the list; ``empty`` says why there are none.

    With ``empty=None`` nothing at all is drawn when there are no questions. ``header``
    draws the heading one level up, for pages where the questions close the whole page.
    """
    if not questions and empty is None:
        return
    (st.header if header else st.subheader)(QUESTIONS_HEADING)
    if questions:
        st.markdown("\n".join(f"- {q}" for q in questions))
    else:
        st.markdown(empty)


def questions_block(board: OrgBoard, priority: str | None) -> None:
    """The questions generated from one priority's signals (all priorities for ``None``)."""
    question_list(
        [q for _, q in board.questions(priority)],
        empty="The data raise no specific questions for this priority this period.",
    )


def show_figure(fig: go.Figure, *, key: str) -> None:
    """Draw a figure in its own NHS look (:data:`impact.charts.NHS_TEMPLATE`).

    ``theme=None`` because Streamlit's default chart theme would otherwise replace the
    figure's Arial and sizes with its own smaller font.
    """
    st.plotly_chart(fig, key=key, theme=None)


def spc_chart(answer: MetricAnswer, *, key: str) -> None:
    m = answer.metric
    fig = charts.spc_figure(
        answer.points,
        title=f"{m.metric_name}",
        unit=m.unit,
        targets=answer.targets,
        events=answer.events,
    )
    show_figure(fig, key=key)


def numbers_frame(answer: MetricAnswer) -> pd.DataFrame:
    """The numbers behind a metric's SPC chart, as downloaded: full precision, raw codes.

    An analyst re-plotting the chart needs the unrounded mean and limits and the SPC
    engine's codes; ``point_type_label`` carries the same point type in the words the
    chart's legend uses.
    """
    frame = answer.points.copy()
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    frame.insert(0, "metric_id", answer.metric.metric_id)
    frame.insert(1, "org_code", answer.org_code)
    if "point_type" in frame:
        at = frame.columns.get_loc("point_type") + 1
        frame.insert(at, "point_type_label", frame["point_type"].map(point_type_words))
    return frame


def point_type_words(code: object) -> str:
    """``special_cause_concern`` → ``Special cause – concern`` (the chart legend's words)."""
    if code is None or pd.isna(code):
        return ""
    return palette.POINT_TYPE_LABELS.get(str(code), str(code).replace("_", " ").capitalize())


def _shown(value: object, unit: str) -> str:
    """A number as the board reads it (:func:`format_value`); blank when there is none."""
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return ""
    return format_value(value, unit)


#: The numbers table's number columns: (heading, column of the SPC points).
NUMBERS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Value", "value"),
    ("Numerator", "numerator"),
    ("Denominator", "denominator"),
    ("Mean", "mean"),
    ("Lower process limit", "lpl"),
    ("Upper process limit", "upl"),
    ("Target", "target"),
)


def numbers_display(answer: MetricAnswer) -> pd.DataFrame:
    """The numbers behind the chart as a board reads them: words, not codes; rounded.

    Values, mean, limits and target are written as on the chart (one decimal for a
    percentage, thousands separators for counts); numerators and denominators are counts;
    a missing number is a blank cell. The full-precision numbers are in the CSV download.
    """
    points = answer.points
    unit = answer.metric.unit
    shown = pd.DataFrame({"Period": pd.to_datetime(points["period_start"]).dt.date})
    for heading, column in NUMBERS_COLUMNS:
        if column not in points or points[column].isna().all():
            continue  # e.g. no numerator for a metric reported as a single figure
        column_unit = "count" if column in ("numerator", "denominator") else unit
        shown[heading] = [_shown(v, column_unit) for v in points[column]]
    if "point_type" in points:
        shown["Point type"] = [point_type_words(v) for v in points["point_type"]]
    if "special_cause_type" in points:
        shown["Rule"] = [charts.rule_words(v) for v in points["special_cause_type"]]
    if "rebase_group" in points:
        shown["Limits group"] = [
            "" if pd.isna(g) else str(int(g) + 1) for g in points["rebase_group"]
        ]
    return shown


def numbers_table(answer: MetricAnswer) -> None:
    """The numbers behind a metric's chart, in board words (see :func:`numbers_display`)."""
    shown = numbers_display(answer)
    right = st.column_config.TextColumn(alignment="right")
    st.dataframe(
        shown,
        hide_index=True,
        placeholder="",
        column_config={
            "Period": st.column_config.DateColumn("Period", format="MMM YYYY"),
            **{heading: right for heading, _ in NUMBERS_COLUMNS},
            "Limits group": st.column_config.TextColumn(
                "Limits group",
                alignment="right",
                help="Limits are recalculated after a change in the process; each group has "
                "its own mean and limits.",
            ),
        },
    )


def targets_table(answer: MetricAnswer) -> None:
    """The metric's target history: each target in the metric's unit, dated in words."""
    targets = answer.targets
    shown = pd.DataFrame(
        {
            "Target": [_shown(v, answer.metric.unit) for v in targets["target_value"]],
            "From": pd.to_datetime(targets["effective_from"]).dt.date,
            "To": pd.to_datetime(targets["effective_to"]).dt.date,
            "Applies to": targets["scope"].astype("string").str.capitalize(),
            "Source": targets["source"],
        }
    )
    st.dataframe(
        shown,
        hide_index=True,
        placeholder="",
        column_config={
            "Target": st.column_config.TextColumn(alignment="right"),
            "From": st.column_config.DateColumn(format="D MMM YYYY"),
            "To": st.column_config.DateColumn(
                format="D MMM YYYY", help="Blank: the target is still in force."
            ),
        },
    )


def events_table(answer: MetricAnswer) -> None:
    """Events noted on the chart; a ticked box means the limits were recalculated there."""
    events = answer.events
    st.dataframe(
        pd.DataFrame(
            {
                "Date": pd.to_datetime(events["event_date"]).dt.date,
                "What changed": events["description"],
                "Limits recalculated": events["rebase"].astype(bool),
            }
        ),
        hide_index=True,
        placeholder="",
        column_config={
            "Date": st.column_config.DateColumn(format="D MMM YYYY"),
            "Limits recalculated": st.column_config.CheckboxColumn(),
        },
    )


#: Improvement project columns as the query names them → the table's headings.
PROJECT_HEADINGS = {
    "project_id": "Project",
    "title": "Title",
    "method": "Method",
    "status": "Status",
    "start_date": "Started",
    "end_date": "Ended",
    "lead": "Lead",
}


def projects_table(projects: pd.DataFrame) -> None:
    """Improvement projects aimed at a metric, with headings and status in words."""
    shown = projects.rename(columns=PROJECT_HEADINGS)
    if "Status" in shown:
        shown["Status"] = shown["Status"].astype("string").str.replace("_", " ").str.capitalize()
    st.dataframe(
        shown,
        hide_index=True,
        placeholder="",
        column_config={
            "Started": st.column_config.DateColumn(format="D MMM YYYY"),
            "Ended": st.column_config.DateColumn(format="D MMM YYYY"),
        },
    )


def csv_download(frame: pd.DataFrame, *, label: str, file_name: str, key: str) -> None:
    """A download of exactly the numbers shown, safe to open in a spreadsheet."""
    st.download_button(
        label,
        data=to_safe_csv(frame),
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )


def peer_frame(answer: MetricAnswer, state: FilterState, tree: OrgTree) -> pd.DataFrame:
    """Each peer's latest value (at or before the period end) with its name."""
    peers = tree.peers(answer.org_code, state.peers)
    codes = [p.code for p in peers] or [answer.org_code]
    frame = data.query(
        "board_peers",
        metric_id=answer.metric.metric_id,
        org_codes=codes,
        period_to=period_end(state.period_to),
    )
    frame["org_name"] = [tree.name(c) for c in frame["org_code"]]
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    return frame[["org_code", "org_name", "period_start", "value"]]


def peer_comparison(answer: MetricAnswer, state: FilterState, tree: OrgTree) -> pd.DataFrame:
    """Ranked latest values of the organisations in scope, the chosen one highlighted."""
    m = answer.metric
    frame = peer_frame(answer, state, tree)
    if len(frame) < 2:
        st.markdown("No peer organisations with this metric to compare with.")
        return frame
    show_figure(
        charts.peer_figure(
            frame,
            chosen=answer.org_code,
            direction=m.direction,
            unit=m.unit,
            target=answer.target,
            title=f"Peers: latest {m.metric_name}",
        ),
        key=f"peers-{m.metric_id}",
    )
    return frame


def comparison_chart(answer: MetricAnswer, state: FilterState, tree: OrgTree) -> pd.DataFrame:
    """The organisation beside its ICB and region over the period (when asked for)."""
    m = answer.metric
    codes = [answer.org_code] + [
        o.code for o in tree.ancestors(answer.org_code) if o.org_type in ("icb", "region")
    ]
    series = []
    frames = []
    for code in codes:
        obs = data.query(
            "board_observations",
            org_code=code,
            period_from=state.period_from,
            period_to=period_end(state.period_to),
        )
        obs = obs[obs["metric_id"] == m.metric_id][["org_code", "period_start", "value"]]
        series.append((tree.name(code), obs))
        frames.append(obs)
    shown = [s for s in series if not s[1].empty]
    if len(shown) < 2:
        st.markdown("Its ICB and region have no figures for this metric to compare with.")
    else:
        show_figure(
            charts.comparison_figure(shown, title=f"{m.metric_name}: compared", unit=m.unit),
            key=f"compare-{m.metric_id}",
        )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def latest_summary(answer: MetricAnswer) -> str:
    """``Latest Sep 2026: 72% (target 82%)`` for a heading line."""
    when = answer.latest_period.strftime("%b %Y") if answer.latest_period else ""
    target = f" (target {answer.target_text})" if answer.target is not None else ""
    return f"Latest {when}: {format_value(answer.latest_value, answer.metric.unit)}{target}"
