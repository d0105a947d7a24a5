"""NHS England Cancer Waiting Times provider extract, as published (one row per standard ×
provider × route × modality × cancer type).

The national series counts each patient once, so for the 31- and 62-day standards only the
``ALL MODALITIES`` rows are summed; the per-modality rows break the same patients down
again. Shared-care patients count as halves in the 62-day standard and are kept as such.
England is the sum of providers, which is how the national figure is built.
"""

from __future__ import annotations

from impact.sources.publication import Layout, Statement, publication

READER = publication(
    "cancer_waiting_times",
    "Cancer Waiting Times provider extract (28-day FDS, 31-day, 62-day)",
    Layout(
        required={
            "period",
            "year",
            "month",
            "standard",
            "org code",
            "treatment modality",
            "total treated",
            "within standard",
        },
        outputs={"observations": Statement("cwt_observations", "path")},
    ),
)
