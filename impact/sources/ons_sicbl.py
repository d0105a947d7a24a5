"""ONS "Sub ICB Location to ICB to NHS England (Region)" lookup, as published on the ONS Open
Geography Portal (one row per sub-ICB location).

Publications on commissioner geography (GP appointments among them) name sub-ICB locations
by their ODS codes (``02P``); this lookup places each under its ICB and region, so the
board can walk region → ICB → sub-ICB location. The ODS codes (the ``…CDH`` columns) are
used, never the ONS ``E38…`` codes, since every NHS publication uses the ODS ones. Column
names carry the edition's year (``SICBL22CD`` for July 2022, ``SICBL23CD`` …), so one layout
per edition is declared and the statement picks the columns by pattern.
"""

from __future__ import annotations

from impact.sources.priority import register_priority
from impact.sources.publication import Layout, Statement, publication

#: The editions' two-digit years (the lookup has been republished each year since 2022).
EDITIONS = ("22", "23", "24", "25", "26")

READER = publication(
    "ons_sicbl",
    "ONS sub-ICB location to ICB to NHS England region lookup",
    *(
        Layout(
            required={f"sicbl{y}cdh", f"sicbl{y}nm", f"icb{y}cdh", f"icb{y}nm", f"nhser{y}cdh"},
            outputs={"organisations": Statement("ons_sicbl_organisations", "path")},
        )
        for y in EDITIONS
    ),
    priority=register_priority,
)
