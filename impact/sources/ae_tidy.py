"""The NHS-R Community's tidy form of the A&E publication (``ae_attendances``).

Many analysts already hold the A&E series in this long form (one row per month ×
organisation × department type) from the NHSRdatasets package; reading it directly gives
years of history before the monthly provider CSVs start. Only organisation-level figures
are produced: the form names no regions and may be a subset of providers.
"""

from __future__ import annotations

from impact.sources.publication import Layout, Statement, publication

READER = publication(
    "ae_tidy",
    "A&E attendances, NHS-R tidy form (period, org_code, type, …)",
    Layout(
        required={"period", "org_code", "type", "attendances", "breaches", "admissions"},
        outputs={"observations": Statement("ae_tidy_observations", "path")},
    ),
)
