"""The monthly figures: every national recovery metric for every demo organisation.

Realistic levels, winter pressure, noise and the planted signals of
:mod:`impact.demo.region`. Where the figures sit: trust level for A&E, RTT, diagnostics
and cancer; PCN level for primary care; ICB level for Category 2 ambulance response (the
demo has no ambulance trust, and an ambulance service's area spans ICBs, so the response
is given for the incidents in each ICB's area). Every higher level is aggregated from the
level below: sums for counts, summed numerators over summed denominators for ratios.

One seeded generator is passed in and drawn from in a fixed order (trusts, then PCNs, then
ambulance areas; within a month A&E, RTT, diagnostics, cancer), so the output is the same
on every run. Reordering a draw changes every later number, and the committed
``data/demo`` then has to be regenerated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from impact.demo.region import (
    AMBULANCE,
    DETERIORATED,
    DETERIORATED_FROM,
    ICBS,
    IMPROVED,
    IMPROVED_FROM,
    PCNS,
    REBASED,
    REBASED_FROM,
    REGION,
    STUCK,
    TRUSTS,
    Pcn,
    Trust,
    months,
)

#: How each demo metric is stored: ``count`` (value only) or a ratio with its scale
#: (``percent`` → ×100, ``minutes`` → numerator is total minutes).
METRIC_UNITS: dict[str, str] = {
    "ae_4hr_all": "percent",
    "ae_4hr_type1": "percent",
    "ae_attendances": "count",
    "ae_4hr_dta": "count",
    "ae_12hr_dta": "count",
    "ae_12hr_arrival_pct": "percent",
    "ae_emergency_admissions": "count",
    "amb_cat1_mean": "minutes",
    "amb_cat1_90th": "minutes",
    "amb_cat2_mean": "minutes",
    "amb_cat2_90th": "minutes",
    "rtt_18wk_pct": "percent",
    "rtt_waiting_list": "count",
    "rtt_52wk": "count",
    "rtt_52wk_pct": "percent",
    "rtt_65wk": "count",
    "rtt_78wk": "count",
    "dm01_6wk_pct": "percent",
    "dm01_waiting_list": "count",
    "dm01_13wk": "count",
    "cwt_28d_fds": "percent",
    "cwt_31d": "percent",
    "cwt_62d": "percent",
    "gp_appts_within_2wks": "percent",
    "gp_same_day_pct": "percent",
    "gp_appts_total": "count",
    "gp_dna_rate": "percent",
}
#: Decimal places written for a ratio's value (one, as NHS England publishes, unless listed).
VALUE_DECIMALS = {"rtt_52wk_pct": 2}

#: Winter pressure by calendar month, 0 (summer) to 1 (December/January).
WINTER = {1: 1.0, 2: 0.6, 3: 0.3, 10: 0.15, 11: 0.5, 12: 1.0}


#: (metric, org, period) → (numerator or count, denominator or None)
Cells = dict[tuple[str, str, date], tuple[float, float | None]]


def _binom(rng: np.random.Generator, n: float, pct: float) -> int:
    return int(rng.binomial(int(n), float(np.clip(pct, 0.1, 99.9)) / 100))


def _acute(rng: np.random.Generator, t: Trust, periods: Sequence[date], cells: Cells) -> None:
    """A&E, RTT, diagnostics and cancer for one trust, month by month."""
    n = len(periods)
    rtt = _RttState()
    for i, p in enumerate(periods):
        w = WINTER.get(p.month, 0.0)
        trend = i / (n - 1)
        _ae_month(rng, t, p, w, trend, cells)
        _rtt_month(rng, t, p, i, w, trend, rtt, cells)
        _diagnostics_month(rng, t, p, w, trend, cells)
        _cancer_month(rng, t, p, w, trend, cells)


def _ae_month(
    rng: np.random.Generator, t: Trust, p: date, w: float, trend: float, cells: Cells
) -> None:
    """A&E: attendances peak in early summer, admissions and long waits in winter."""
    att = int(
        t.attendances
        * (1 + 0.05 * np.sin(2 * np.pi * (p.month - 3) / 12))
        * (1 + 0.03 * trend)
        * rng.lognormal(0, 0.025)
    )
    type1 = _binom(rng, att, 100 * t.type1_share + rng.normal(0, 0.6))
    t1_pct = t.type1_4hr - 5.0 * w + 3.0 * trend + rng.normal(0, 1.3)
    if t.code == IMPROVED and p >= IMPROVED_FROM:
        t1_pct += 12.0
    if t.code == DETERIORATED and p >= DETERIORATED_FROM:
        t1_pct -= 2.5
    if t.code == STUCK and p == date(2024, 11, 1):
        t1_pct -= 6.0  # the month the ED electronic patient record went live
    t1_within = _binom(rng, type1, t1_pct)
    other_within = _binom(rng, att - type1, 96.5 + rng.normal(0, 0.5))
    cells[("ae_attendances", t.code, p)] = (att, None)
    cells[("ae_4hr_type1", t.code, p)] = (t1_within, type1)
    cells[("ae_4hr_all", t.code, p)] = (t1_within + other_within, att)
    cells[("ae_12hr_arrival_pct", t.code, p)] = (
        _binom(rng, type1, 8.5 + 4.0 * w - 0.25 * (t1_pct - 58) + rng.normal(0, 0.6)),
        type1,
    )

    admissions = int(att * t.admit_rate * (1 + 0.06 * w) * rng.lognormal(0, 0.02))
    q4 = 0.27 + 0.10 * w - 0.004 * (t1_pct - 58)
    q12 = (0.035 + 0.03 * w) * rng.lognormal(0, 0.12)
    if t.code == DETERIORATED and p >= DETERIORATED_FROM:
        q4 += 0.06
        q12 += 0.05
    cells[("ae_emergency_admissions", t.code, p)] = (admissions, None)
    cells[("ae_4hr_dta", t.code, p)] = (int(rng.poisson(admissions * max(q4, 0.05))), None)
    cells[("ae_12hr_dta", t.code, p)] = (int(rng.poisson(admissions * q12)), None)


@dataclass
class _RttState:
    """What carries from one month to the next in RTT: the list's walk and the noise."""

    noise: float = 0.0
    walk: float = 0.0


def _rtt_month(
    rng: np.random.Generator,
    t: Trust,
    p: date,
    i: int,
    w: float,
    trend: float,
    state: _RttState,
    cells: Cells,
) -> None:
    """RTT: slow-moving waiting-list performance, long waits falling to their deadlines."""
    state.walk += rng.normal(0, 0.006)
    waiting = int(t.waiting_list * (1 + 0.05 * trend + state.walk + 0.01 * w))
    if t.code == STUCK:
        rtt_pct = t.rtt_pct + rng.normal(0, 0.6)
        share52 = 2.6 + rng.normal(0, 0.12)
    else:
        state.noise = 0.6 * state.noise + rng.normal(0, 0.6)
        rtt_pct = t.rtt_pct + 6.0 * trend - 0.8 * w + state.noise
        share52 = max(2.9 - 2.1 * trend + 0.2 * w + rng.normal(0, 0.1), 0.15)
    over65 = waiting * 0.0025 * max(0.0, 1 - i / 18) ** 1.5 + (2.5 if t.code == STUCK else 0.6)
    over78 = waiting * 0.0004 * max(0.0, 1 - i / 6) ** 2 + 0.15
    within18 = _binom(rng, waiting, rtt_pct)
    over52 = _binom(rng, waiting, share52)
    cells[("rtt_waiting_list", t.code, p)] = (waiting, None)
    cells[("rtt_18wk_pct", t.code, p)] = (within18, waiting)
    cells[("rtt_52wk", t.code, p)] = (over52, None)
    cells[("rtt_52wk_pct", t.code, p)] = (over52, waiting)
    cells[("rtt_65wk", t.code, p)] = (int(rng.poisson(over65)), None)
    cells[("rtt_78wk", t.code, p)] = (int(rng.poisson(over78)), None)


def _diagnostics_month(
    rng: np.random.Generator, t: Trust, p: date, w: float, trend: float, cells: Cells
) -> None:
    """Diagnostics: the rebased trust's community diagnostic centre halves its backlog."""
    diag = int(t.diag_list * (1 + 0.04 * w) * rng.lognormal(0, 0.03))
    dm01 = t.dm01_pct - 8.0 * trend + 3.0 * w + rng.normal(0, 1.2)
    if t.code == REBASED and p >= REBASED_FROM:
        dm01 -= 11.0
    over6 = _binom(rng, diag, dm01)
    cells[("dm01_6wk_pct", t.code, p)] = (over6, diag)
    # Derived without further random draws, so every other demo figure stays as it was.
    cells[("dm01_waiting_list", t.code, p)] = (diag, None)
    cells[("dm01_13wk", t.code, p)] = (round(0.3 * over6), None)


def _cancer_month(
    rng: np.random.Generator, t: Trust, p: date, w: float, trend: float, cells: Cells
) -> None:
    """Cancer: small monthly cohorts, so binomial noise is visible."""
    fds_n = int(rng.poisson(t.fds_n))
    d62_n = int(rng.poisson(t.d62_n))
    d31_n = int(rng.poisson(t.d31_n))
    fds = t.fds_pct + 5.0 * trend - 2.0 * w + rng.normal(0, 1.3)
    d62 = t.d62_pct + 6.0 * trend - 1.5 * w + rng.normal(0, 2.0)
    d31 = t.d31_pct + 1.0 * trend + rng.normal(0, 0.8)
    cells[("cwt_28d_fds", t.code, p)] = (_binom(rng, fds_n, fds), fds_n)
    cells[("cwt_62d", t.code, p)] = (_binom(rng, d62_n, d62), d62_n)
    cells[("cwt_31d", t.code, p)] = (_binom(rng, d31_n, min(d31, 99.0)), d31_n)


#: Appointment volume by calendar month: August holidays and Christmas are quieter.
GP_SEASON = {1: 1.06, 3: 1.05, 4: 0.95, 8: 0.90, 10: 1.07, 11: 1.06, 12: 0.88}


def _primary(rng: np.random.Generator, c: Pcn, periods: Sequence[date], cells: Cells) -> None:
    """Appointments in general practice for one PCN."""
    n = len(periods)
    for i, p in enumerate(periods):
        w = WINTER.get(p.month, 0.0)
        trend = i / (n - 1)
        appts = int(
            c.list_size
            * 0.48
            * GP_SEASON.get(p.month, 1.0)
            * (1 + 0.04 * trend)
            * rng.lognormal(0, 0.02)
        )
        known_interval = int(appts * 0.985)
        known_status = int(appts * 0.97)
        same_day = c.same_day_pct + 1.5 * w + rng.normal(0, 0.9)
        if c.code == "XPCN02" and p >= date(2024, 7, 1):
            same_day += 3.5  # cloud telephony and care navigation went live
        within2 = c.within2_pct - 1.5 * w + 1.0 * trend + rng.normal(0, 0.7)
        dna = c.dna_pct - 0.4 * trend + rng.normal(0, 0.22)
        if c.code == "XPCN04" and p >= date(2024, 11, 1):
            dna -= 0.9  # text reminders with an easy way to cancel
        cells[("gp_appts_total", c.code, p)] = (appts, None)
        cells[("gp_appts_within_2wks", c.code, p)] = (
            _binom(rng, known_interval, within2),
            known_interval,
        )
        cells[("gp_same_day_pct", c.code, p)] = (
            _binom(rng, known_interval, same_day),
            known_interval,
        )
        cells[("gp_dna_rate", c.code, p)] = (_binom(rng, known_status, dna), known_status)


def _ambulance(rng: np.random.Generator, icb: str, periods: Sequence[date], cells: Cells) -> None:
    """Category 1 and 2 response times for one ICB's area (total minutes ÷ incidents)."""
    incidents_typical, mean_typical = AMBULANCE[icb]
    n = len(periods)
    for i, p in enumerate(periods):
        w = WINTER.get(p.month, 0.0)
        incidents = int(rng.poisson(incidents_typical * (1 + 0.12 * w)))
        mean = mean_typical + 11.0 * w - 5.0 * i / (n - 1) + rng.normal(0, 1.8)
        cells[("amb_cat2_mean", icb, p)] = (round(mean * incidents), incidents)
        # Derived without further random draws, so every other demo figure stays as it was:
        # Category 1 is a tenth of the incidents, its mean about a quarter of Category 2's;
        # 90th centiles sit at about twice the mean, as in the national series.
        cat1 = max(incidents // 10, 1)
        cat1_mean = 6.2 + 0.06 * mean
        cells[("amb_cat1_mean", icb, p)] = (round(cat1_mean * cat1), cat1)
        cells[("amb_cat1_90th", icb, p)] = (round(1.75 * cat1_mean * cat1), cat1)
        cells[("amb_cat2_90th", icb, p)] = (round(2.15 * mean * incidents), incidents)


def _aggregate(cells: Cells) -> None:
    """Add ICB and region rows: sums of counts, numerators and denominators."""
    parent = {t.code: t.icb for t in TRUSTS} | {c.code: c.icb for c in PCNS}
    parent |= {i.code: REGION for i in ICBS}
    for level in ("icb", "region"):
        sums: dict[tuple[str, str, date], list[float]] = {}
        for (metric, org, period), (num, den) in list(cells.items()):
            up = parent.get(org)
            if up is None or (level == "icb") != (up != REGION):
                continue
            acc = sums.setdefault((metric, up, period), [0.0, 0.0])
            acc[0] += num
            acc[1] += den or 0.0
        for key, (num, den) in sums.items():
            if key not in cells:
                cells[key] = (num, den if METRIC_UNITS[key[0]] != "count" else None)


def observations(rng: np.random.Generator) -> list[list[str]]:
    """Every observation row, sorted by metric, organisation and period."""
    periods = months()
    cells: Cells = {}
    for t in TRUSTS:
        _acute(rng, t, periods, cells)
    for c in PCNS:
        _primary(rng, c, periods, cells)
    for icb in AMBULANCE:
        _ambulance(rng, icb, periods, cells)
    _aggregate(cells)
    rows = []
    for (metric, org, period), (num, den) in sorted(cells.items()):
        unit = METRIC_UNITS[metric]
        if unit == "count":
            rows.append([metric, org, period.isoformat(), str(int(num)), "", ""])
            continue
        scale = 100.0 if unit == "percent" else 1.0
        value = round(scale * num / den, VALUE_DECIMALS.get(metric, 1)) if den else None
        rows.append(
            [
                metric,
                org,
                period.isoformat(),
                "" if value is None else f"{value}",
                str(int(num)),
                str(int(den or 0)),
            ]
        )
    return rows


# ---------------------------------------------------------------------------------------
