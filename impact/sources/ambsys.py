"""NHS England Ambulance Quality Indicators: Systems Indicators (AmbSYS), monthly CSV as downloaded.

One row per month for England (``Org Code`` ``Eng``), each of the seven regions (their ODS
codes ``Y56``…``Y63``) and each ambulance trust (with its region code in ``Region``); the
measures are columns named by code in NHS England's AQI specification. Means and 90th
centiles cannot be summed, so every level's figure is the file's own row: England's and the
regions' are read exactly as published, never recomputed from trusts. Response times are
published in seconds; the board reads minutes.
"""

from __future__ import annotations

from impact.sources.publication import Layout, Statement, publication

#: The AQI codes the board's ambulance measures are read from (cell → what it holds).
CODES = {
    "A25": "Category 1 mean response time, seconds",
    "A26": "Category 1 90th centile response time, seconds",
    "A31": "Category 2 mean response time, seconds",
    "A32": "Category 2 90th centile response time, seconds",
}

READER = publication(
    "ambsys",
    "Ambulance Quality Indicators: Systems Indicators (AmbSYS monthly CSV)",
    Layout(
        # The identifying cells of every edition since the 2017 Ambulance Response Programme.
        required={"year", "month", "region", "org code", "org name", "a0", "a1"},
        needs=CODES,
        rows=Statement("ambsys_rows", "path", "regions", alias="ambsys"),
        outputs={
            "observations": Statement("ambsys_observations"),
            "organisations": Statement("ambsys_organisations"),
        },
    ),
)
