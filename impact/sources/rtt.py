"""NHS England Referral to Treatment (RTT) waiting times, "full CSV data file" as downloaded.

The file has one row per provider × commissioner × RTT part × treatment function, with
105 week bands. The board's waiting-list measures are the incomplete pathways (Part_2)
over all treatment functions (``C_999``), per provider, so the reader keeps exactly those
rows and sums them over commissioners. Each provider's parent ICB is in the file; an ICB's,
a region's and England's figures are sums of providers (provider basis). NHS England's
headline national series is on commissioner basis and its waiting list adds estimates for
providers that did not report, so England here can differ slightly from the published
figure (for March 2025, 59.7 % against the published 59.8 % within 18 weeks).

NHS England publishes the file zipped; the store hands the reader the CSV inside (see
``zipped``), so the reader only ever sees a CSV.
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
        rows=Statement("rtt_providers", "path", "icbs", "regions", alias="providers"),
        outputs={
            "observations": Statement("rtt_observations"),
            "organisations": Statement("rtt_organisations"),
        },
    ),
)
