"""Deterministic demo data: a fictional region that looks real to an NHS board member.

A fresh clone has to show the dashboard working before anyone has an extract, and the
tests need data whose answers are known. So this module builds one fictional region
(two ICBs, eight acute trusts, six primary care networks) with every national recovery
metric, realistic levels, winter pressure, noise and a few *planted* signals, and writes
it as CSV extracts to the contracts in :mod:`impact.contracts`:

* ``IMPROVED`` – a trust whose type 1 four-hour performance steps up when a front-door
  streaming project starts (at least 12 months either side, so the project page can
  re-base its limits at the start);
* ``DETERIORATED`` – a trust whose 12-hour decision-to-admit waits step up after a bed
  closure (special cause concern);
* ``STUCK`` – a trust whose 18-week RTT performance is stable far below the target
  (common cause; the target sits outside the process limits, a consistent fail);
* ``REBASED`` – a real process change (a community diagnostic centre opening) recorded as
  an event with ``rebase = true``.

Everything is fictional and says so: every name starts with "Demo" and the codes
(``XRD``, ``XQA``/``XQB``, ``XRA01``…, ``XPCN01``…) are not ODS codes of real
organisations. The data end at the fixed month :data:`END_MONTH`, not today, and one
seeded numpy generator drives all randomness, so two runs write byte-identical files.

Where the figures sit: trust level for A&E, RTT, diagnostics and cancer; PCN level for
primary care; ICB level for Category 2 ambulance response (the demo has no ambulance
trust, and an ambulance service's area spans ICBs, so the response is given for the
incidents in each ICB's area). Every higher level is aggregated from the level below:
sums for counts, summed numerators over summed denominators for ratios.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from impact import PROJECT_ROOT
from impact.contracts import CONTRACTS

SEED = 20230401
#: The last month of demo data. A constant, not today's date, so output is reproducible.
END_MONTH = date(2026, 9, 1)
N_MONTHS = 42
DEFAULT_OUT = PROJECT_ROOT / "data" / "demo"

REGION = "XRD"
IMPROVED = "XRA03"
IMPROVED_FROM = date(2025, 1, 1)
DETERIORATED = "XRA05"
DETERIORATED_FROM = date(2025, 5, 1)
STUCK = "XRA07"
REBASED = "XRA06"
REBASED_FROM = date(2024, 9, 1)

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
    "amb_cat2_mean": "minutes",
    "rtt_18wk_pct": "percent",
    "rtt_waiting_list": "count",
    "rtt_52wk": "count",
    "rtt_52wk_pct": "percent",
    "rtt_65wk": "count",
    "rtt_78wk": "count",
    "dm01_6wk_pct": "percent",
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


@dataclass(frozen=True)
class Org:
    code: str
    name: str
    org_type: str
    parent: str


@dataclass(frozen=True)
class Trust:
    """An acute trust's typical levels; the generator adds season, trend and noise."""

    code: str
    icb: str
    attendances: int
    type1_share: float
    type1_4hr: float
    admit_rate: float
    waiting_list: int
    rtt_pct: float
    diag_list: int
    dm01_pct: float
    fds_n: int
    fds_pct: float
    d62_n: int
    d62_pct: float
    d31_n: int
    d31_pct: float


@dataclass(frozen=True)
class Pcn:
    code: str
    name: str
    icb: str
    list_size: int
    within2_pct: float
    same_day_pct: float
    dna_pct: float


ICBS = (
    Org("XQA", "Demo Riverside Integrated Care Board", "icb", REGION),
    Org("XQB", "Demo Moorland Integrated Care Board", "icb", REGION),
)
TRUST_NAMES = {
    "XRA01": "Demo Riverside University Hospitals NHS Foundation Trust",
    "XRA02": "Demo Eastbridge General Hospital NHS Trust",
    "XRA03": "Demo Northfield Hospitals NHS Foundation Trust",
    "XRA04": "Demo Kingsmead Community and Acute NHS Trust",
    "XRA05": "Demo Moorland Royal Infirmary NHS Foundation Trust",
    "XRA06": "Demo Westdale Hospitals NHS Trust",
    "XRA07": "Demo Hilltop Teaching Hospitals NHS Foundation Trust",
    "XRA08": "Demo Valley and Coast NHS Trust",
}
# fmt: off
TRUSTS = (
    #              A&E attendances, type 1 share and 4-hour %, admission rate | RTT list, %
    #              | diagnostic list, % 6+ weeks | cancer FDS, 62-day, 31-day: patients, %
    Trust("XRA01", "XQA", 21000, .62, 60, .24, 82000, 60, 14000, 20, 1700, 75, 150, 67, 420, 93),
    Trust("XRA02", "XQA", 13500, .66, 58, .26, 48000, 57,  8200, 23,  950, 73,  85, 64, 240, 91.5),
    Trust("XRA03", "XQA", 16000, .63, 53, .25, 56000, 58,  9800, 21, 1150, 76, 110, 66, 300, 92.5),
    Trust("XRA04", "XQA", 11000, .58, 64, .22, 39000, 62,  7000, 18,  800, 77,  70, 70, 200, 94),
    Trust("XRA05", "XQB", 19500, .64, 57, .27, 71000, 55, 12500, 22, 1500, 72, 135, 63, 380, 92),
    Trust("XRA06", "XQB", 12500, .61, 61, .25, 45000, 59,  8800, 26,  900, 74,  80, 67, 230, 93.5),
    Trust("XRA07", "XQB", 23000, .65, 55, .26, 90000, 52, 15500, 21, 1900, 74, 170, 65, 460, 92),
    Trust("XRA08", "XQB", 10000, .60, 62, .23, 36000, 56,  6500, 19,  700, 75,  60, 62, 170, 93),
)
# fmt: on
PCNS = (
    Pcn("XPCN01", "Demo Riverside Central PCN", "XQA", 62000, 86.0, 44.0, 4.6),
    Pcn("XPCN02", "Demo Eastbridge and Villages PCN", "XQA", 48000, 84.0, 40.0, 4.1),
    Pcn("XPCN03", "Demo Northfield PCN", "XQA", 55000, 85.5, 45.0, 4.9),
    Pcn("XPCN04", "Demo Moorland Town PCN", "XQB", 58000, 83.5, 42.0, 5.3),
    Pcn("XPCN05", "Demo Westdale Rural PCN", "XQB", 41000, 82.5, 39.0, 3.8),
    Pcn("XPCN06", "Demo Hilltop and Coast PCN", "XQB", 66000, 85.0, 43.0, 4.4),
)
#: Category 2 incidents a month and typical mean response (minutes) for each ICB's area.
AMBULANCE = {"XQA": (5200, 33.0), "XQB": (4300, 37.0)}


def months() -> list[date]:
    """The first day of each demo month, oldest first, ending at :data:`END_MONTH`."""
    out: list[date] = []
    y, m = END_MONTH.year, END_MONTH.month
    for _ in range(N_MONTHS):
        out.append(date(y, m, 1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def organisations() -> list[Org]:
    """Region, ICBs, trusts and PCNs, each with its parent (blank for the region)."""
    orgs = [Org(REGION, "Demo North Region", "region", "")]
    orgs += list(ICBS)
    orgs += [Org(t.code, TRUST_NAMES[t.code], "trust", t.icb) for t in TRUSTS]
    orgs += [Org(p.code, p.name, "pcn", p.icb) for p in PCNS]
    return orgs


# ---------------------------------------------------------------------------------------
# Observations


#: (metric, org, period) → (numerator or count, denominator or None)
Cells = dict[tuple[str, str, date], tuple[float, float | None]]


def _binom(rng: np.random.Generator, n: float, pct: float) -> int:
    return int(rng.binomial(int(n), float(np.clip(pct, 0.1, 99.9)) / 100))


def _acute(rng: np.random.Generator, t: Trust, periods: Sequence[date], cells: Cells) -> None:
    """A&E, RTT, diagnostics and cancer for one trust."""
    n = len(periods)
    rtt_noise = 0.0
    wl_walk = 0.0
    for i, p in enumerate(periods):
        w = WINTER.get(p.month, 0.0)
        trend = i / (n - 1)

        # A&E: attendances peak in early summer, admissions and long waits in winter.
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

        # RTT: slow-moving waiting-list performance, long waits falling to their deadlines.
        wl_walk += rng.normal(0, 0.006)
        waiting = int(t.waiting_list * (1 + 0.05 * trend + wl_walk + 0.01 * w))
        if t.code == STUCK:
            rtt_pct = t.rtt_pct + rng.normal(0, 0.6)
            share52 = 2.6 + rng.normal(0, 0.12)
        else:
            rtt_noise = 0.6 * rtt_noise + rng.normal(0, 0.6)
            rtt_pct = t.rtt_pct + 6.0 * trend - 0.8 * w + rtt_noise
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

        # Diagnostics: the rebased trust's community diagnostic centre halves its backlog.
        diag = int(t.diag_list * (1 + 0.04 * w) * rng.lognormal(0, 0.03))
        dm01 = t.dm01_pct - 8.0 * trend + 3.0 * w + rng.normal(0, 1.2)
        if t.code == REBASED and p >= REBASED_FROM:
            dm01 -= 11.0
        cells[("dm01_6wk_pct", t.code, p)] = (_binom(rng, diag, dm01), diag)

        # Cancer: small monthly cohorts, so binomial noise is visible.
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
    """Category 2 mean response for incidents in one ICB's area (total minutes ÷ incidents)."""
    incidents_typical, mean_typical = AMBULANCE[icb]
    n = len(periods)
    for i, p in enumerate(periods):
        w = WINTER.get(p.month, 0.0)
        incidents = int(rng.poisson(incidents_typical * (1 + 0.12 * w)))
        mean = mean_typical + 11.0 * w - 5.0 * i / (n - 1) + rng.normal(0, 1.8)
        cells[("amb_cat2_mean", icb, p)] = (round(mean * incidents), incidents)


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
# Targets and events

LOCAL_GP_TARGET = "Demo ICB operational plan 2024/25: local ambition of 85% (fictional)"


def targets() -> list[list[str]]:
    """Local targets only: the national ones ship in the catalogue."""
    orgs = [i.code for i in ICBS] + [c.code for c in PCNS]
    return [["gp_appts_within_2wks", o, "85", "2024-04-01", "", LOCAL_GP_TARGET] for o in orgs]


STRIKES = (
    (date(2023, 12, 20), "Resident doctors' industrial action, 20 to 23 December 2023"),
    (date(2024, 1, 3), "Resident doctors' industrial action, 3 to 9 January 2024"),
    (date(2025, 7, 25), "Resident doctors' industrial action, 25 to 30 July 2025"),
)


def events() -> list[list[str]]:
    rows = [
        [
            "dm01_6wk_pct",
            REBASED,
            REBASED_FROM.isoformat(),
            "Demo Westdale community diagnostic centre opened: CT, MRI and ultrasound moved "
            "off the acute site",
            "true",
        ],
        [
            "ae_12hr_dta",
            DETERIORATED,
            DETERIORATED_FROM.isoformat(),
            "28 medical beds closed for ward refurbishment (Ward 12)",
            "false",
        ],
        [
            "ae_4hr_all",
            IMPROVED,
            "2025-01-06",
            "Senior nurse streaming to same day emergency care began (project P-XRA03-001)",
            "false",
        ],
        [
            "ae_4hr_all",
            STUCK,
            "2024-11-12",
            "Electronic patient record went live in the emergency department",
            "false",
        ],
        [
            "gp_same_day_pct",
            "XPCN02",
            "2024-07-01",
            "Cloud-based telephony live in all six practices",
            "false",
        ],
    ]
    for t in TRUSTS:
        for when, text in STRIKES:
            rows.append(["rtt_18wk_pct", t.code, when.isoformat(), text, "false"])
    return sorted(rows)


# ---------------------------------------------------------------------------------------
# Improvement activity


@dataclass(frozen=True)
class Project:
    project_id: str
    org_code: str
    title: str
    priority: str
    metric_id: str
    method: str
    status: str
    start: str
    end: str
    lead: str
    #: (change tested, prediction, learning, decision) per PDSA cycle, in order.
    cycles: tuple[tuple[str, str, str, str], ...] = ()


PROJECTS = (
    Project(
        "P-XRA03-001",
        "XRA03",
        "Front-door streaming to same day emergency care",
        "uec",
        "ae_4hr_all",
        "QSIR",
        "active",
        "2025-01-06",
        "",
        "Deputy Chief Operating Officer",
        (
            (
                "Senior nurse streams walk-in patients to SDEC 10:00 to 22:00 on weekdays",
                "One in ten walk-in patients streamed to SDEC",
                "14% streamed in hours; evenings stalled when SDEC closed at 20:00",
                "adapt",
            ),
            (
                "SDEC open until 22:00 with an acute physician on the rota",
                "Evening streaming matches daytime",
                "Evening streaming rose to 12%; type 1 four-hour performance up in the first month",
                "adopt",
            ),
            (
                "Streaming extended to weekends with a rotating band 7 nurse",
                "Weekend four-hour performance closes on weekdays",
                "Weekend gap halved; rota held for eight weeks",
                "adopt",
            ),
        ),
    ),
    Project(
        "P-XRA03-002",
        "XRA03",
        "Criteria-led discharge on medical wards",
        "uec",
        "ae_12hr_dta",
        "Model for Improvement",
        "complete",
        "2024-03-04",
        "2025-02-28",
        "Associate Director of Nursing, Medicine",
        (
            (
                "Consultants set discharge criteria on the post-take round on two wards",
                "A quarter of discharges happen before noon",
                "Criteria written for 70% of patients; nurses unsure when to act on them",
                "adapt",
            ),
            (
                "Nurse-led discharge checklist at the 11:00 board round",
                "Discharges before noon rise to 30%",
                "Before-noon discharges 31%; pharmacy to take home medicines the bottleneck",
                "adapt",
            ),
            (
                "Ward pharmacist prepares medicines the day before expected discharge",
                "Medicines wait under one hour",
                "Median medicines wait 40 minutes; spread to all medical wards",
                "adopt",
            ),
        ),
    ),
    Project(
        "P-XRA01-001",
        "XRA01",
        "Waiting list validation and patient-initiated follow-up in ophthalmology",
        "elective",
        "rtt_18wk_pct",
        "Lean",
        "active",
        "2024-06-03",
        "",
        "Divisional Director, Surgery",
        (
            (
                "Text message validation of patients waiting over 12 weeks",
                "5% of pathways removed as no longer needed",
                "7% removed; 2% of replies asked for an earlier appointment",
                "adopt",
            ),
            (
                "Patient-initiated follow-up for stable glaucoma patients",
                "Follow-up demand down 10% in one clinic",
                "Follow-ups down 8%; two patients needed fast-track back",
                "adapt",
            ),
        ),
    ),
    Project(
        "P-XRA01-002",
        "XRA01",
        "Straight-to-test pathway for suspected lower GI cancer",
        "elective",
        "cwt_28d_fds",
        "Model for Improvement",
        "complete",
        "2023-09-04",
        "2024-08-30",
        "Lead Cancer Nurse",
        (
            (
                "Nurse triage of referrals with FIT result to book colonoscopy directly",
                "Half of patients go straight to test",
                "58% straight to test; days to diagnosis down from 31 to 22",
                "adopt",
            ),
            (
                "Results clinic by telephone for patients with a normal test",
                "Patients told cancer is ruled out within 21 days",
                "Median 19 days; patients valued the call",
                "adopt",
            ),
        ),
    ),
    Project(
        "P-XRA02-001",
        "XRA02",
        "Theatre scheduling: six-four-two",
        "elective",
        "rtt_65wk",
        "Lean",
        "complete",
        "2023-06-05",
        "2024-09-30",
        "Theatres Manager",
        (
            (
                "Lists confirmed six weeks ahead, fixed four weeks, filled two weeks before",
                "Unused theatre time falls below 10%",
                "Unused time 12%; late cancellations from pre-assessment gaps",
                "adapt",
            ),
            (
                "Pre-assessment booked at the point the decision to operate is made",
                "On-the-day cancellations halve",
                "Cancellations down from 9% to 5%; long waiters booked first",
                "adopt",
            ),
        ),
    ),
    Project(
        "P-XRA02-002",
        "XRA02",
        "Ambulance handover: fit to sit",
        "uec",
        "ae_4hr_type1",
        "QSIR",
        "active",
        "2025-09-01",
        "",
        "Emergency Department Matron",
        (
            (
                "Fit-to-sit assessment at handover for patients arriving by ambulance",
                "Handover within 30 minutes for 80% of arrivals",
                "74% within 30 minutes; chairs area too small at peak times",
                "adapt",
            ),
        ),
    ),
    Project(
        "P-XRA04-001",
        "XRA04",
        "Endoscopy booking and utilisation",
        "elective",
        "dm01_6wk_pct",
        "Model for Improvement",
        "active",
        "2024-11-04",
        "",
        "Endoscopy Unit Manager",
        (
            (
                "Pooled booking across all endoscopists for routine gastroscopy",
                "List utilisation above 90%",
                "Utilisation 88%; late patient cancellations left gaps",
                "adapt",
            ),
            (
                "Reminder call two days before with a standby list to fill gaps",
                "Unfilled slots halve",
                "Unfilled slots down from 8% to 3%",
                "adopt",
            ),
        ),
    ),
    Project(
        "P-XRA04-002",
        "XRA04",
        "Prostate cancer pathway redesign",
        "elective",
        "cwt_62d",
        "Lean",
        "planned",
        "2026-11-02",
        "",
        "Cancer Services Manager",
    ),
    Project(
        "P-XRA05-001",
        "XRA05",
        "Discharge to assess: home first",
        "uec",
        "ae_12hr_dta",
        "QSIR",
        "active",
        "2026-04-06",
        "",
        "Director of Integrated Care",
        (
            (
                "Therapy assessment at home on the day of discharge for patients from two wards",
                "Length of stay for these patients falls by a day",
                "Too early to tell; community therapy capacity covers weekdays only",
                "adapt",
            ),
        ),
    ),
    Project(
        "P-XRA05-002",
        "XRA05",
        "Breast one-stop clinic",
        "elective",
        "cwt_28d_fds",
        "Model for Improvement",
        "complete",
        "2023-10-02",
        "2024-06-28",
        "Breast Surgery Clinical Lead",
        (
            (
                "Mammogram, ultrasound and biopsy on the day of the first appointment",
                "80% of patients told their result within 28 days",
                "84% within 28 days; radiology slots the constraint on Mondays",
                "adapt",
            ),
            (
                "Extra Monday afternoon imaging session",
                "Monday patients match the rest of the week",
                "Gap closed; clinic model adopted as standard",
                "adopt",
            ),
        ),
    ),
    Project(
        "P-XRA06-001",
        "XRA06",
        "Community diagnostic centre mobilisation",
        "elective",
        "dm01_6wk_pct",
        "Lean",
        "complete",
        "2024-04-01",
        "2024-12-20",
        "Head of Imaging",
        (
            (
                "Routine MRI referrals booked at the community site first",
                "Acute MRI waiting list stops growing",
                "Acute list fell 15% in six weeks; transport questions from patients",
                "adapt",
            ),
            (
                "Booking letter with bus routes and free parking for the community site",
                "Did-not-attend rate below 4%",
                "Did-not-attend 3.1%",
                "adopt",
            ),
        ),
    ),
    Project(
        "P-XRA06-002",
        "XRA06",
        "Same day emergency care for frailty",
        "uec",
        "ae_4hr_all",
        "Model for Improvement",
        "stopped",
        "2024-02-05",
        "2024-07-31",
        "Consultant Geriatrician",
        (
            (
                "Frailty practitioner in the ED from 08:00 to 16:00",
                "Fewer older patients admitted for under 48 hours",
                "Short-stay admissions fell on staffed days only",
                "adapt",
            ),
            (
                "Seven-day frailty cover from the acute medical unit",
                "Cover on every day of the week",
                "Rota could not be filled; project stopped until recruitment",
                "abandon",
            ),
        ),
    ),
    Project(
        "P-XRA07-001",
        "XRA07",
        "Outpatient waiting list validation sprint",
        "elective",
        "rtt_18wk_pct",
        "Lean",
        "stopped",
        "2023-09-04",
        "2024-03-29",
        "Head of Access",
        (
            (
                "Administrative validation of pathways over 40 weeks",
                "3% of long pathways closed",
                "2% closed; clinical validation backlog grew during industrial action",
                "abandon",
            ),
        ),
    ),
    Project(
        "P-XRA07-002",
        "XRA07",
        "Emergency department electronic record optimisation",
        "uec",
        "ae_4hr_type1",
        "Lean",
        "active",
        "2025-01-13",
        "",
        "Chief Clinical Information Officer",
        (
            (
                "Single triage screen replacing three separate forms",
                "Time to triage under 15 minutes",
                "Median 17 minutes; log-in delays on shared computers",
                "adapt",
            ),
            (
                "Tap-and-go smartcard log-in on ED workstations",
                "Time to triage under 15 minutes",
                "Median 12 minutes",
                "adopt",
            ),
        ),
    ),
    Project(
        "P-XRA08-001",
        "XRA08",
        "Cancer tracking and escalation",
        "elective",
        "cwt_62d",
        "Model for Improvement",
        "active",
        "2025-06-02",
        "",
        "Cancer Services Manager",
        (
            (
                "Weekly patient-level tracking meeting chaired by the tumour site lead",
                "Every patient past day 38 has a named next step",
                "Next steps named for 95%; histology turnaround the main delay",
                "adapt",
            ),
            (
                "Histology requests for suspected cancer flagged as urgent at the lab",
                "Histology reported within 7 days",
                "Median 6 days",
                "adopt",
            ),
        ),
    ),
    Project(
        "P-XRA08-002",
        "XRA08",
        "Discharge lounge opening hours",
        "uec",
        "ae_4hr_dta",
        "QSIR",
        "planned",
        "2026-10-05",
        "",
        "Head of Patient Flow",
    ),
    Project(
        "P-XQA-001",
        "XQA",
        "Improvement coaching network",
        "improvement",
        "",
        "NHS IMPACT",
        "active",
        "2024-09-02",
        "",
        "ICB Director of Improvement",
        (
            (
                "Monthly coaching huddle for project leads from every trust in the ICB",
                "Ten project leads attend regularly",
                "Seven attend; leads asked for a shared measurement template",
                "adapt",
            ),
            (
                "Shared SPC template and data clinic before each huddle",
                "Every project shows its outcome measure on an SPC chart",
                "Twelve of fifteen projects now report on SPC charts",
                "adopt",
            ),
        ),
    ),
    Project(
        "P-XPCN02-001",
        "XPCN02",
        "Cloud-based telephony and care navigation",
        "primary_care",
        "gp_same_day_pct",
        "Model for Improvement",
        "complete",
        "2024-04-01",
        "2024-12-20",
        "PCN Clinical Director",
        (
            (
                "Call-back option at two practices instead of holding in a queue",
                "Abandoned calls below 10% at 08:00",
                "Abandoned calls 6%; callers still phoned at 08:00",
                "adapt",
            ),
            (
                "Care navigators route same-day requests to the duty team, pharmacy or physio",
                "Same-day requests answered on the day",
                "Same-day appointments up; duty GP workload steady",
                "adopt",
            ),
        ),
    ),
    Project(
        "P-XPCN04-001",
        "XPCN04",
        "Text reminders and easy cancellation",
        "primary_care",
        "gp_dna_rate",
        "Model for Improvement",
        "complete",
        "2024-10-07",
        "2025-04-30",
        "Practice Manager",
        (
            (
                "Reminder text 48 hours before with a reply-to-cancel option at one practice",
                "Missed appointments down by a fifth",
                "Missed appointments down from 5.4% to 4.3%",
                "adopt",
            ),
            (
                "Same reminder at all practices in the network",
                "Same reduction across the network",
                "Network rate down by about 0.9 points",
                "adopt",
            ),
        ),
    ),
    Project(
        "P-XPCN05-001",
        "XPCN05",
        "Total triage with online consultation",
        "primary_care",
        "gp_appts_within_2wks",
        "Experience-based co-design",
        "active",
        "2025-03-03",
        "",
        "PCN Digital Transformation Lead",
        (
            (
                "Online consultation form open 08:00 to 18:30 with clinician triage",
                "Routine requests booked within two weeks",
                "Form used by 40% of patients; phone callers waited longer",
                "adapt",
            ),
            (
                "Reception completes the same form for telephone callers",
                "Phone and online requests treated alike",
                "Waits equal across routes; patient panel asked for clearer wording",
                "adapt",
            ),
        ),
    ),
    Project(
        "P-XQB-001",
        "XQB",
        "Category 2 clinical validation and falls response",
        "uec",
        "amb_cat2_mean",
        "Lean",
        "active",
        "2025-10-06",
        "",
        "ICB Urgent Care Lead",
        (
            (
                "Clinician validation of lower-acuity Category 2 calls in the control room",
                "One in eight Category 2 calls safely re-triaged",
                "11% re-triaged to urgent community response or advice",
                "adopt",
            ),
        ),
    ),
)


def projects() -> list[list[str]]:
    return [
        [
            p.project_id,
            p.org_code,
            p.title,
            p.priority,
            p.metric_id,
            p.method,
            p.status,
            p.start,
            p.end,
            p.lead,
        ]
        for p in PROJECTS
    ]


def pdsa_cycles() -> list[list[str]]:
    """Cycles of four weeks, six weeks apart, from each project's start."""
    rows = []
    for p in PROJECTS:
        start = np.datetime64(p.start)
        for n, (change, prediction, learning, decision) in enumerate(p.cycles, start=1):
            begin = start + np.timedelta64(42 * (n - 1) + 7, "D")
            end = begin + np.timedelta64(27, "D")
            rows.append(
                [p.project_id, str(n), str(begin), str(end), change, prediction, learning, decision]
            )
    return rows


# ---------------------------------------------------------------------------------------
# NHS IMPACT capability and self-assessment

#: Trust or ICB → (headcount, foundation trained per quarter, coaches at the start).
CAPABILITY_PLAN = {
    "XQA": (650, 12, 2),
    "XQB": (580, 8, 1),
    "XRA01": (8200, 90, 8),
    "XRA02": (4700, 45, 3),
    "XRA03": (5600, 70, 6),
    "XRA04": (3900, 40, 4),
    "XRA05": (7400, 55, 4),
    "XRA06": (4400, 50, 3),
    "XRA07": (9300, 25, 2),
    "XRA08": (3500, 35, 2),
}


def capability(rng: np.random.Generator) -> list[list[str]]:
    """Quarterly, cumulative staff trained at each level, coaches and headcount."""
    quarters = [p for p in months() if p.month in (1, 4, 7, 10)]
    rows = []
    for org, (headcount, per_quarter, coaches0) in CAPABILITY_PLAN.items():
        foundation = int(per_quarter * 4)
        practitioner = max(foundation // 10, 1)
        expert = 1
        coaches = coaches0
        for q in quarters:
            foundation += int(rng.poisson(per_quarter))
            practitioner += int(rng.poisson(per_quarter / 9))
            expert += int(rng.random() < per_quarter / 120)
            coaches += int(rng.random() < per_quarter / 80)
            staff = int(headcount * (1 + 0.004 * rng.normal()))
            rows.append(
                [
                    org,
                    q.isoformat(),
                    str(foundation),
                    str(practitioner),
                    str(expert),
                    str(coaches),
                    str(staff),
                ]
            )
    return rows


COMPONENT_EVIDENCE = {
    "shared_purpose_and_vision": (
        "Improvement not yet mentioned in the trust strategy",
        "Strategy names improvement; few staff could describe the priorities",
        "Three trust-wide improvement priorities agreed with staff and patients",
        "Priorities cascade to divisional plans and team huddle boards",
        "Every team can show how its measures link to the trust's priorities",
    ),
    "people_and_culture": (
        "Staff survey shows low confidence to suggest improvements",
        "Staff ideas scheme launched; patient partners on two projects",
        "Patient partners on most projects; staff survey improvement score rising",
        "Teams run their own tests of change with protected time",
        "Improvement is part of every appraisal and induction",
    ),
    "leadership_behaviours": (
        "Board discussions focus on assurance rather than learning",
        "Executive team completed improvement leadership training",
        "Executive Gemba walks started in two divisions",
        "Leaders coach rather than direct at monthly service reviews",
        "Leadership behaviours framework used in every senior appointment",
    ),
    "capability_and_capacity": (
        "No central improvement team",
        "Small improvement team; foundation training on request",
        "Training plan by level with a coaching offer",
        "Dosage targets met for foundation and practitioner training",
        "Improvement expertise in every division, with coaches for every project",
    ),
    "management_systems_and_processes": (
        "Performance reports are red-amber-green tables",
        "Board report shows SPC charts for key metrics",
        "Tiered huddles in the emergency pathway link to the operational meeting",
        "Strategy deployment reviews every quarter",
        "Improvement built into planning, performance and risk processes",
    ),
}

#: Trust → (first assessment's scores in component order, assessment dates). XRA08 has none.
ASSESSMENTS = {
    "XRA01": ((3, 3, 3, 3, 2), ("2024-03-28", "2025-03-27", "2026-03-26")),
    "XRA02": ((2, 2, 2, 2, 2), ("2025-03-27", "2026-03-26")),
    "XRA03": ((3, 3, 2, 3, 3), ("2024-03-28", "2025-03-27", "2026-03-26")),
    "XRA04": ((2, 3, 2, 2, 2), ("2024-03-28", "2025-03-27", "2026-03-26")),
    "XRA05": ((2, 2, 2, 2, 1), ("2024-03-28", "2025-03-27")),
    "XRA06": ((3, 2, 2, 2, 2), ("2025-03-27", "2026-03-26")),
    "XRA07": ((2, 2, 1, 1, 2), ("2024-03-28", "2025-03-27", "2026-03-26")),
}


def self_assessment(rng: np.random.Generator) -> list[list[str]]:
    """Scores 1 to 5 that move by at most one step between assessments."""
    components = tuple(COMPONENT_EVIDENCE)
    rows = []
    for org, (first, dates) in ASSESSMENTS.items():
        scores = list(first)
        for n, when in enumerate(dates):
            if n:
                steps = rng.random(len(scores)) < 0.45
                scores = [min(s + int(up), 5) for s, up in zip(scores, steps, strict=True)]
                if org == STUCK:
                    scores[2] = 1  # leadership behaviours lowest at every assessment
            for component, score in zip(components, scores, strict=True):
                rows.append(
                    [org, when, component, str(score), COMPONENT_EVIDENCE[component][score - 1]]
                )
    return rows


# ---------------------------------------------------------------------------------------
# Writing


def _csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path`` and rename it into place, so a
    running dashboard never reads a half-written extract."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; extracts are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build() -> dict[str, tuple[str, list[list[str]]]]:
    """File name → (contract name, rows), from one seeded generator in a fixed order."""
    rng = np.random.default_rng(SEED)
    orgs = [[o.code, o.name, o.org_type, o.parent] for o in organisations()]
    return {
        "organisations.csv": ("organisations", orgs),
        "observations.csv": ("observations", observations(rng)),
        "targets.csv": ("targets", targets()),
        "events.csv": ("events", events()),
        "projects.csv": ("projects", projects()),
        "pdsa_cycles.csv": ("pdsa_cycles", pdsa_cycles()),
        "capability.csv": ("capability", capability(rng)),
        "self_assessment.csv": ("self_assessment", self_assessment(rng)),
    }


def generate(out_dir: Path | str = DEFAULT_OUT) -> dict[Path, int]:
    """Write the demo extracts to ``out_dir``; returns each file written and its row count."""
    out = Path(out_dir)
    written: dict[Path, int] = {}
    for file_name, (contract, rows) in build().items():
        header = CONTRACTS[contract].column_names
        if any(len(r) != len(header) for r in rows):
            raise ValueError(f"{file_name}: a row does not have the {len(header)} columns")
        path = out / file_name
        write_atomic(path, _csv_text(header, rows))
        written[path] = len(rows)
    return written
