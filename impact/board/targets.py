"""Which target applies to a metric of an organisation, and when.

An organisation's own target, from the date it starts, replaces the national one; national
targets fill the periods it does not cover. Each SPC point carries the target in force on
its date, so a change of target shows on the chart and the assurance uses the current one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd

from impact.board.values import text_or_blank

#: ``when → (target, source)``; ``(None, None)`` when no target is in force.
TargetLookup = Callable[[date | None], tuple[float | None, str | None]]


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
    return target_lookup(history)(when)


def target_lookup(history: pd.DataFrame) -> TargetLookup:
    """A fast ``when → (target, source)`` for one history (called once per point)."""
    rows = (
        [
            (
                pd.Timestamp(r.effective_from).date(),
                pd.Timestamp(r.effective_to).date() if not pd.isna(r.effective_to) else date.max,
                r.scope == "This organisation",
                float(r.target_value),
                text_or_blank(r.source),
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
