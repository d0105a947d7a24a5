"""Organisation lists from ODS: trusts with region and ICB, ICBs with region, or regions.

Statistics files name providers but not the ICB they belong to, so the region → ICB →
trust hierarchy the board walks comes from the ODS register. Three simple layouts are
accepted (all as published by ODS or derived from it), most specific first: the trust list
with ``region_code`` and ``icb_code``, the ICB list with its region, and the list of the
seven regions (which must hold nothing else). The register outranks organisation rows
inferred from statistics files (see ``priority``).
"""

from __future__ import annotations

from impact.sources.priority import register_priority
from impact.sources.publication import Layout, Statement, publication

READER = publication(
    "ods_trusts",
    "ODS organisation list (trusts with region and ICB, ICBs, regions)",
    Layout(
        required={"org_code", "org_name", "region_code", "region_name", "icb_code", "icb_name"},
        outputs={"organisations": Statement("ods_trusts_organisations", "path")},
    ),
    Layout(
        required={"icb_code", "icb_name", "region_code", "region_name"},
        outputs={"organisations": Statement("ods_icbs_organisations", "path")},
    ),
    Layout(
        required={"region_code", "region_name"},
        outputs={"organisations": Statement("ods_regions_organisations", "path")},
        exact=True,
    ),
    priority=register_priority,
)
