"""NHS England Referral to Treatment (RTT) waiting times, "full CSV data file" as downloaded.

The file has one row per provider × commissioner × RTT part × treatment function, with
105 week bands. The board's waiting-list measures are the incomplete pathways (Part_2)
over all treatment functions (``C_999``), per provider, so the reader keeps exactly those
rows and sums them over commissioners. No England row is produced: the published national
waiting list adds estimates for providers that did not report, so a sum of this file would
not equal it.
"""

from __future__ import annotations

from impact.sources.publication import Layout, Statement, publication

READER = publication(
    "rtt",
    "Referral to Treatment waiting times (full CSV data file)",
    Layout(
        required={
            "period",
            "provider org code",
            "commissioner org code",
            "rtt part type",
            "treatment function code",
            "gt 00 to 01 weeks sum 1",
            "gt 52 to 53 weeks sum 1",
            "total",
            "total all",
        },
        outputs={"observations": Statement("rtt_observations", "path")},
    ),
)
