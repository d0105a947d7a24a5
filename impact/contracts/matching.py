"""Which contract a file is, from its header: the most specific fit, or the closest miss.

Extra columns are allowed and order, case, spaces and a byte-order mark do not matter, so
an analyst's own export matches as long as it holds the contract's required columns.
"""

from __future__ import annotations

from impact.contracts.definitions import CONTRACTS
from impact.contracts.model import Contract


def normalise_header(header: list[str]) -> list[str]:
    """Header cells as compared with contracts: trimmed, lower case, BOM removed."""
    return [h.replace("\ufeff", "").strip().lower() for h in header]


def match_contract(header: list[str]) -> Contract | None:
    """The contract whose required columns the header holds; the most specific wins.

    Extra columns are allowed. When several contracts fit (``projects`` also has
    ``org_code`` and ``metric_id``), the one with the most of its own columns present wins,
    so a file is never matched to a looser contract than it was written for.
    """
    cols = set(normalise_header(header))
    fits = [c for c in CONTRACTS.values() if set(c.required_names) <= cols]
    if not fits:
        return None
    return max(fits, key=lambda c: (len(set(c.column_names) & cols), len(c.required_names)))


def closest_contract(header: list[str]) -> tuple[Contract, list[str]]:
    """For an unrecognised header: the nearest contract and the required columns it lacks."""
    cols = set(normalise_header(header))

    def score(c: Contract) -> tuple[int, int]:
        present = len(set(c.required_names) & cols)
        return (present, -len(c.required_names))

    best = max(CONTRACTS.values(), key=score)
    missing = [n for n in best.required_names if n not in cols]
    return best, missing
