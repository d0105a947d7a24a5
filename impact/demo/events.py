"""Local targets and dated events: what the charts annotate, and the one re-based process.

The national targets ship in the catalogue; the demo adds one local ambition. The events
are the things a board would expect on a chart: strikes, a bed closure, a go-live, the
project start that the improved trust's step follows, and the diagnostic centre whose
opening re-bases the limits.
"""

from __future__ import annotations

from datetime import date

from impact.demo.region import (
    DETERIORATED,
    DETERIORATED_FROM,
    ICBS,
    IMPROVED,
    PCNS,
    REBASED,
    REBASED_FROM,
    STUCK,
    TRUSTS,
)

LOCAL_GP_TARGET = "Demo ICB operational plan 2024/25: local ambition of 85% (fictional)"


def targets() -> list[list[str]]:
    """Local targets only: the national ones ship in the catalogue."""
    orgs = [i.code for i in ICBS] + [c.code for c in PCNS]
    return [
        ["gp_appts_within_2wks", o, "85", "2024-04-01", "", LOCAL_GP_TARGET, "", "", "", ""]
        for o in orgs
    ]


STRIKES = (
    (date(2023, 12, 20), "Resident doctors' industrial action, 20 to 23 December 2023"),
    (date(2024, 1, 3), "Resident doctors' industrial action, 3 to 9 January 2024"),
    (date(2025, 7, 25), "Resident doctors' industrial action, 25 to 30 July 2025"),
)


def events() -> list[list[str]]:
    """Every dated event, the strikes on every trust's RTT chart, sorted."""
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
