"""Which SPC chart and which limits each board metric gets, and why when the catalogue's
choice cannot be honoured for one organisation's series.

The catalogue names a chart (``i`` XmR, ``pp`` Laney p′, ``c`` ...) and a limits mode
(``fixed`` or ``auto``) per metric. A ratio chart needs a numerator and a denominator at every
point it plots; an organisation whose extract carries only the percentage is charted as XmR
instead, and the answer says so. ``auto`` limits exist only for the charts the Stable Shift
Algorithm defines (XmR and P′); any other chart keeps fixed limits, again with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from impact.calendar import month_short
from impact.contracts.definitions import AUTO_LIMIT_CHARTS
from impact.spc.charts import CHARTS, NEEDS_DENOMINATOR

#: Each chart's name as a board reads it under the chart.
CHART_NAMES = {
    "i": "XmR chart",
    "p": "p chart",
    "pp": "Laney p′ chart",
    "u": "u chart",
    "up": "Laney u′ chart",
    "c": "c chart",
    "g": "g chart",
    "t": "t chart",
}
#: The rule set the board uses, as the chart's hover names it.
RULES = "mdc"
RULE_SET_NAMES = {
    "mdc": "Making Data Count 2023 rules",
    "plotthedots": "NHSRplotthedots 0.2.2 rules",
}


@dataclass(frozen=True)
class ChartSpec:
    """A metric's chart and limits mode; ``note`` says why the catalogue's choice changed."""

    chart: str = "i"
    limits: str = "fixed"
    note: str = ""


def chart_specs(catalogue: pd.DataFrame) -> dict[str, ChartSpec]:
    """metric_id → its chart and limits mode, from the catalogue (blank = ``i``, ``fixed``).

    The columns are optional: a catalogue without them gives every metric XmR with fixed
    limits, as the board drew before they existed.
    """
    specs: dict[str, ChartSpec] = {}
    for row in catalogue.to_dict("records"):
        chart = _text(row.get("chart")) or "i"
        limits = _text(row.get("limits")) or "fixed"
        specs[str(row["metric_id"])] = ChartSpec(
            chart if chart in CHARTS else "i", limits if limits == "auto" else "fixed"
        )
    return specs


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def usable_spec(spec: ChartSpec, series: pd.DataFrame) -> ChartSpec:
    """The chart this organisation's ``series`` can have, with the reason if it differs."""
    notes: list[str] = []
    if spec.chart in NEEDS_DENOMINATOR:
        missing = _first_without_counts(series)
        if missing is not None:
            notes.append(
                f"Charted as an XmR chart, not a {CHART_NAMES[spec.chart]}: the numerator or "
                f"denominator is missing for {month_short(missing)}."
            )
            spec = replace(spec, chart="i")
    if spec.limits == "auto" and spec.chart not in AUTO_LIMIT_CHARTS:
        notes.append(
            f"Limits are fixed, not recalculated automatically: automatic recalculation "
            f"exists for XmR and Laney p′ charts only, not a {CHART_NAMES[spec.chart]}."
        )
        spec = replace(spec, limits="fixed")
    return replace(spec, note=" ".join([spec.note, *notes]).strip())


def _first_without_counts(series: pd.DataFrame) -> pd.Timestamp | None:
    """The first valued period whose numerator or denominator is missing (or not positive)."""
    valued = series[series["value"].notna()]
    if "numerator" not in valued or "denominator" not in valued:
        return valued["period_start"].min() if not valued.empty else None
    num = pd.to_numeric(valued["numerator"], errors="coerce")
    den = pd.to_numeric(valued["denominator"], errors="coerce")
    bad = valued.loc[num.isna() | den.isna() | (den <= 0), "period_start"]
    return None if bad.empty else pd.Timestamp(bad.min())


def multiplier(unit: str) -> float:
    """What a ratio chart multiplies numerator ÷ denominator by to give the metric's value."""
    return 100.0 if unit == "percent" else 1.0
