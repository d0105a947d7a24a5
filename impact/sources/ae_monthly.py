"""NHS England "A&E Attendances and Emergency Admissions" monthly provider CSV, as downloaded.

The publication gives one row per provider with attendances, 4-hour breaches, waits from
decision to admit and emergency admissions, by department type, plus a total row. The
national and regional figures the board compares against are sums of providers, so the
reader computes them the same way rather than trusting the total row (spelled ``TOTAL``,
``Total ``… from month to month). Revised editions carry the same ``Period`` as the
original, so both produce the same keys and the store keeps the revised one.
"""

from __future__ import annotations

from impact.sources.publication import Layout, Statement, publication

READER = publication(
    "ae_monthly",
    "A&E Attendances and Emergency Admissions (monthly provider CSV)",
    Layout(
        # Header cells that identify the publication in every edition since 2017.
        required={
            "period",
            "org code",
            "parent org",
            "org name",
            "a&e attendances type 1",
            "attendances over 4hrs type 1",
        },
        rows=Statement("ae_monthly_providers", "path", "regions", alias="providers"),
        outputs={
            "observations": Statement("ae_monthly_observations"),
            "organisations": Statement("ae_monthly_organisations"),
        },
    ),
)
