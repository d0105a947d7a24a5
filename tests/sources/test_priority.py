"""Which edition wins: an analyst's own extract, then the ODS register, then a revised
publication, then the original."""

from __future__ import annotations

from pathlib import Path

from impact.sources.priority import publication_priority, register_priority


def test_editions_rank_as_the_store_needs() -> None:
    original = publication_priority(Path("Monthly-AE-December-2024.csv"))
    revised = publication_priority(Path("Monthly-AE-December-2024-REVISED.csv"))
    register = register_priority(Path("trusts_etr_2026-01.csv"))
    own_extract = 0
    assert original < revised < register < own_extract
