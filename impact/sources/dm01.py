"""NHS England "Monthly Diagnostics Waiting Times and Activity" (DM01) provider workbook.

Published only as Excel (``.xls``; the reader also takes the ``.xlsx`` form): sheet
``Provider`` has a title block (``Period: March 2025``, ``Revised: 10th July 2025``), the
header (on row 14 in every edition so far, but found rather than assumed), the England
``Total`` row, then one row per provider with its NHS England region code. England is the
file's own ``Total`` row; each region is the sum of its providers (the sheet has no region
rows). The 6-week measure is "waiting 6 weeks or more" over the whole waiting list, as the
``Percentage waiting 6+ weeks`` column (a fraction there; a percentage here).
"""

from __future__ import annotations

from impact.sources.publication import SheetLayout, Statement, workbook_publication

#: The header cells the figures are read from (normalised, as in the ``Provider`` sheet).
PROVIDER_HEADER = frozenset(
    {
        "regional team code",
        "provider code",
        "provider name",
        "total waiting list",
        "number waiting 6+ weeks",
        "number waiting 13+ weeks",
    }
)

READER = workbook_publication(
    "dm01",
    "Diagnostics Waiting Times and Activity (DM01 monthly provider workbook)",
    # Sheet names that mark a DM01 provider workbook (the second holds the same providers
    # by test, so a workbook with only that one is DM01 missing its Provider sheet).
    {"Provider", "Provider by Test"},
    SheetLayout(
        "Provider",
        PROVIDER_HEADER,
        rows=Statement("dm01_providers", "sheet", "regions", alias="providers"),
        outputs={
            "observations": Statement("dm01_observations"),
            "organisations": Statement("dm01_organisations"),
        },
    ),
)
