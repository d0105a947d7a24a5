"""Which target applies to a metric of an organisation, and when.

An organisation's own target, from the date it starts, replaces the national one; national
targets fill the periods it does not cover. Each SPC point carries the target in force on
its date, so a change of target shows on the chart and the assurance uses the current one.

A relative target (``target_rule = improve_on_baseline``) is worked out here per
organisation: its own value in the baseline month, improved by ``improvement`` in the
metric's direction, and no less demanding than ``floor``. It replaces a national
``target_value`` row starting on the same date; where the organisation has no figure for the
baseline month it sets nothing and that row still applies (the Data page says so).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

import pandas as pd

from impact.board.values import as_date, as_float, text_or_blank
from impact.calendar import month_long
from impact.units import format_value

#: The rule that sets each organisation's target from its own baseline month.
IMPROVE_ON_BASELINE = "improve_on_baseline"

#: ``when → (target, source)``; ``(None, None)`` when no target is in force.
TargetLookup = Callable[[date | None], tuple[float | None, str | None]]


def target_history(targets: pd.DataFrame, metric_id: str, org_code: str) -> pd.DataFrame:
    """The targets that apply to this metric and organisation, by effective date.

    Where the organisation has its own target starting on a date, it replaces the
    national one from that date on; national targets fill the periods it does not cover.
    """
    return _history(resolve_rules(targets[targets["metric_id"] == metric_id]), org_code)


def target_histories(
    targets: pd.DataFrame, metric_ids: Iterable[str], org_code: str
) -> dict[str, pd.DataFrame]:
    """:func:`target_history` for each of ``metric_ids``, the rules worked out once.

    A board asks for every metric's history; working the rules out on the whole frame and
    splitting it by metric once gives the same frames as one call per metric at a fraction
    of the cost (each rule row is worked out on its own, so the order does not matter).
    """
    ids = list(metric_ids)
    if targets.empty:
        return {m: target_history(targets, m, org_code) for m in ids}
    resolved = resolve_rules(targets)
    parts = {str(m): part for m, part in resolved.groupby("metric_id", sort=False)}
    return {
        m: _history(parts[m], org_code) if m in parts else target_history(targets, m, org_code)
        for m in ids
    }


def _history(rows: pd.DataFrame, org_code: str) -> pd.DataFrame:
    """One metric's resolved targets narrowed to those in force for ``org_code``."""
    if rows.empty:
        return rows.reset_index(drop=True)
    rows = _without_replaced_national(rows)
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


def improvement_units(improvement: float, unit: str) -> str:
    """``5 points`` for a percentage, ``10 minutes``, ``1,000`` for a count."""
    if unit == "percent":
        amount = format_value(improvement, "")
        return f"{amount} point" if improvement == 1 else f"{amount} points"
    return format_value(improvement, unit)


def relative_target(
    baseline: float | None,
    improvement: float,
    direction: str,
    *,
    floor: float | None = None,
    unit: str = "",
    baseline_period: date | None = None,
) -> tuple[float | None, str]:
    """(target, how it was worked out) for an improve-on-baseline rule.

    ``5 points above March 2025's 58.1% = 63.1%``; for a metric where lower is better the
    improvement is taken off (``below``). A floor makes the target at least as demanding
    as the floor; a percentage target is never above 100% nor below 0%. Without a baseline
    the target is ``None`` and the words say why.
    """
    when = f"{month_long(baseline_period)}'s" if baseline_period else "the baseline's"
    amount = improvement_units(improvement, unit)
    if baseline is None:
        month = month_long(baseline_period) if baseline_period else "the baseline month"
        return None, f"{amount} better than {month}, which has no figure"
    lower = direction == "decrease"
    target = baseline - improvement if lower else baseline + improvement
    words = (
        f"{amount} {'below' if lower else 'above'} {when} {format_value(baseline, unit)}"
        f" = {format_value(round(target, 10), unit)}"
    )
    if floor is not None and (target > floor if lower else target < floor):
        target = floor
        words += f", raised to the floor of {format_value(floor, unit)}"
    if unit == "percent" and not 0 <= target <= 100:
        target = min(max(target, 0.0), 100.0)
        words += f", held at {format_value(target, unit)}"
    return target, words


def resolve_rules(targets: pd.DataFrame) -> pd.DataFrame:
    """The targets with each rule's figure worked out and ``rule_text`` saying how.

    Expects :file:`queries/board_targets.sql`'s columns; a frame without rule columns (no
    relative targets) comes back with ``rule_text`` blank and nothing else changed.
    """
    rows = targets.copy()
    rows["rule_text"] = ""
    if "target_rule" not in rows or rows.empty:
        return rows
    rule = rows["target_rule"].map(text_or_blank) == IMPROVE_ON_BASELINE
    rows["target_value"] = rows["target_value"].astype("float64")
    for index in rows.index[rule]:
        row = rows.loc[index]
        improvement = as_float(row.get("improvement"))
        if improvement is None:
            rows.loc[index, "target_value"] = float("nan")
            rows.loc[index, "rule_text"] = "The rule has no improvement, so no target is set"
            continue
        value, words = relative_target(
            as_float(row.get("baseline_value")),
            improvement,
            text_or_blank(row.get("improvement_direction")) or "increase",
            floor=as_float(row.get("floor")),
            unit=text_or_blank(row.get("unit")),
            baseline_period=as_date(row.get("baseline_period")),
        )
        rows.loc[index, "target_value"] = float("nan") if value is None else value
        rows.loc[index, "rule_text"] = words
    return rows


def _without_replaced_national(rows: pd.DataFrame) -> pd.DataFrame:
    """Drop a rule that could not be worked out, and a ``target_value`` row that a
    worked-out rule of the same scope and start date replaces (kept where it could not)."""
    if "target_rule" not in rows:
        return rows
    rule = rows["target_rule"].map(text_or_blank) != ""
    rows = rows[~rule | rows["target_value"].notna()]  # a rule not worked out sets nothing
    rule = rule[rows.index]
    scope = rows["org_code"].fillna("").astype(str).str.strip()
    worked = {
        (scope[i], pd.Timestamp(rows.loc[i, "effective_from"]))
        for i in rows.index[rule & rows["target_value"].notna()]
    }
    replaced = [
        i
        for i in rows.index[~rule]
        if (scope[i], pd.Timestamp(rows.loc[i, "effective_from"])) in worked
    ]
    return rows.drop(index=replaced)


def rule_text_on(history: pd.DataFrame, when: date | None) -> str:
    """How the target in force on ``when`` was worked out, if a rule set it (else "")."""
    if when is None or history.empty or "rule_text" not in history:
        return ""
    value, _source = target_on(history, when)
    for r in history.itertuples(index=False):
        start = pd.Timestamp(r.effective_from).date()
        end = pd.Timestamp(r.effective_to).date() if not pd.isna(r.effective_to) else date.max
        if r.rule_text and start <= when <= end and r.target_value == value:
            return str(r.rule_text)
    return ""
