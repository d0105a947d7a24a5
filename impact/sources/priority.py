"""Which edition of the same figures wins when two files give a value for the same key.

The store keeps the higher priority on a duplicate key. Extracts written to our own
contracts rank 0, so an analyst's own file always beats a figure inferred from a
publication; the ODS register beats organisation rows a statistics file implies; a revised
edition of a publication beats the original: a CSV's file name says "revised", as NHS
England names them; a workbook's title block carries a ``Revised:`` date.
"""

from __future__ import annotations

from pathlib import Path

PRIORITY_REGISTER = -1
PRIORITY_PUBLICATION = -3
PRIORITY_REVISED_BONUS = 1


def edition_priority(revised: bool) -> int:
    """The rank of a publication's edition: a revised one beats the original."""
    return PRIORITY_PUBLICATION + (PRIORITY_REVISED_BONUS if revised else 0)


def publication_priority(path: Path) -> int:
    """Rank a publication file: a revised edition (its name says "revised") wins."""
    return edition_priority("revised" in path.name.lower())


def revised_in_title(value: str | None) -> bool:
    """Whether a workbook's ``Revised:`` title cell holds a revision (not blank or "-")."""
    return bool(value) and value.strip().lower() not in {"-", "n/a", "na", "none"}


def register_priority(path: Path) -> int:
    """Rank the ODS organisation register above organisations inferred from statistics."""
    return PRIORITY_REGISTER
