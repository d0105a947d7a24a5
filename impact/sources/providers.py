"""Which providers a publication names are NHS trusts: the rule stated once for every reader.

Statistics files list NHS trusts beside independent sector providers, urgent treatment
centres and GP out-of-hours services without saying which is which; the board's hierarchy
holds trusts, and everything else as ``other``. A reader's SQL gives such a row the
provisional type :data:`PROVIDER`, and :func:`impact.sources.names.proper_named` settles it
here by the name ("… NHS Trust", "… NHS Foundation Trust", "National Health Service …").
The ODS register, when present, outranks the guess.
"""

from __future__ import annotations

import re

#: The provisional ``org_type`` a reader gives a provider it cannot classify in SQL.
PROVIDER = "provider"

_TRUST = re.compile(r"(NHS|NATIONAL HEALTH SERVICE)( FOUNDATION)? TRUST", re.IGNORECASE)


def provider_type(name: str | None) -> str:
    """``trust`` for an NHS trust by its name, otherwise ``other``."""
    return "trust" if name and _TRUST.search(name) else "other"
