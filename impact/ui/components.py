"""Building blocks the board pages draw: stamp, metric card, tables, charts, downloads.

Each takes results from :mod:`impact.board` and draws them; none computes a number. The
pages stay a few lines long, and the overview, priority pages and metric detail show a
metric in the same words.
"""

from __future__ import annotations

from html import escape

import pandas as pd
import streamlit as st

from impact import charts, icons
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


def ipr_table(board: OrgBoard, state: FilterState, priority: str | None = None) -> None:
    """The integrated performance report summary; each row links to the metric detail."""
    rows = ipr_rows(board, priority)
    if rows.empty:
        st.markdown("No metrics with data for this organisation and period.")
        return
    rows["open"] = [
        f"{METRIC_DETAIL_URL}?{state.query_string(metric=m)}" for m in rows["metric_id"]
    ]
    st.dataframe(
        rows,
        hide_index=True,
        column_order=(
            "metric",
            "latest",
            "target",
            "mean",
            "lpl",
            "upl",
            "variation",
            "assurance",
            "stale",
            "trend",
            "open",
        ),
        column_config={
            "metric": st.column_config.TextColumn("Metric", width="medium"),
            "latest": "Latest",
            "target": "Target",
            "mean": "Mean",
            "lpl": "Lower process limit",
            "upl": "Upper process limit",
            "variation": "Variation",
            "assurance": "Assurance",
            "stale": "Data",
            "trend": st.column_config.LineChartColumn("Trend (last 24 points)"),
            "open": st.column_config.LinkColumn("Detail", display_text="Open detail"),
        },
    )


def questions_block(board: OrgBoard, priority: str | None) -> None:
    """ "Questions the board may wish to ask", generated from the signals."""
    st.subheader("Questions the board may wish to ask")
    asked = board.questions(priority)
    if not asked:
        st.markdown("The data raise no specific questions for this priority this period.")
        return
    st.markdown("\n".join(f"- {q}" for _, q in asked))


def spc_chart(answer: MetricAnswer, *, key: str) -> None:
    m = answer.metric
    fig = charts.spc_figure(
        answer.points,
        title=f"{m.metric_name}",
        unit=m.unit,
        targets=answer.targets,
        events=answer.events,
    )
    st.plotly_chart(fig, key=key)


def numbers_frame(answer: MetricAnswer) -> pd.DataFrame:
    """The numbers behind a metric's SPC chart, as downloaded and shown."""
    frame = answer.points.copy()
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    frame.insert(0, "metric_id", answer.metric.metric_id)
    frame.insert(1, "org_code", answer.org_code)
    return frame


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
    st.plotly_chart(
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
        st.plotly_chart(
            charts.comparison_figure(shown, title=f"{m.metric_name}: compared", unit=m.unit),
            key=f"compare-{m.metric_id}",
        )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def latest_summary(answer: MetricAnswer) -> str:
    """``Latest Sep 2026: 72% (target 82%)`` for a heading line."""
    when = answer.latest_period.strftime("%b %Y") if answer.latest_period else ""
    target = f" (target {answer.target_text})" if answer.target is not None else ""
    return f"Latest {when}: {format_value(answer.latest_value, answer.metric.unit)}{target}"
