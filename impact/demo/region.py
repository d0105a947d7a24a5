"""The fictional region: its organisations, its calendar and the stories planted in it.

Everything is fictional and says so: every name starts with "Demo" and the codes
(``XRD``, ``XQA``/``XQB``, ``XRA01``…, ``XPCN01``…) are not ODS codes of real
organisations. The data end at the fixed month :data:`END_MONTH`, not today, so two runs
write the same files. The planted signals (an improvement, a deterioration, a stuck metric,
a re-based process) are named here once, because the series, the events, the projects and
the tests all refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from impact.calendar import add_months

#: The last month of demo data. A constant, not today's date, so output is reproducible.
END_MONTH = date(2026, 9, 1)
N_MONTHS = 42

REGION = "XRD"
#: Type 1 four-hour performance steps up when a front-door streaming project starts (at
#: least 12 months either side, so the project page can re-base its limits at the start).
IMPROVED = "XRA03"
IMPROVED_FROM = date(2025, 1, 1)
#: 12-hour decision-to-admit waits step up after a bed closure (special cause concern).
DETERIORATED = "XRA05"
DETERIORATED_FROM = date(2025, 5, 1)
#: 18-week RTT performance is stable far below the target (common cause; the target sits
#: outside the process limits, a consistent fail).
STUCK = "XRA07"
#: A real process change (a community diagnostic centre opening), recorded as an event
#: with ``rebase = true``.
REBASED = "XRA06"
REBASED_FROM = date(2024, 9, 1)


@dataclass(frozen=True)
class Org:
    """One row of ``organisations.csv``."""

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
    """A primary care network's list size and typical appointment figures."""

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
    return [add_months(END_MONTH, -back) for back in range(N_MONTHS - 1, -1, -1)]


def organisations() -> list[Org]:
    """Region, ICBs, trusts and PCNs, each with its parent (blank for the region)."""
    orgs = [Org(REGION, "Demo North Region", "region", "")]
    orgs += list(ICBS)
    orgs += [Org(t.code, TRUST_NAMES[t.code], "trust", t.icb) for t in TRUSTS]
    orgs += [Org(p.code, p.name, "pcn", p.icb) for p in PCNS]
    return orgs


# ---------------------------------------------------------------------------------------
# Observations
