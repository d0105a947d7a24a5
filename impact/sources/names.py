"""Organisation names as people write them, from registers that store them in capitals.

The ODS register and NHS England's statistics files name organisations in capitals
("UNIVERSITY HOSPITALS BIRMINGHAM NHS FOUNDATION TRUST"); a board reads its own name as it
writes it ("University Hospitals Birmingham NHS Foundation Trust"). :func:`proper_name`
makes that change word by word, keeping the conventions NHS names follow: initialisms stay
in capitals (NHS, ICB, UTC, GP…), joining words are lower case except at the start
("Isle of Wight", "Stoke-on-Trent"), "St" and possessives are written as usual ("Guy's
and St Thomas'"). A name that already has lower-case letters was written by a person and
is kept exactly.

Only readers of published files apply it (see :func:`proper_named`): names an analyst
gives in their own organisations extract are read by the contracts and shown as written.
"""

from __future__ import annotations

import re

import duckdb

from impact.sources.providers import PROVIDER, provider_type
from impact.sql import relation

#: Initialisms that hold a vowel, so the no-vowel rule below would not catch them. Most
#: are NHS terms; the last few are providers' own short names in the A&E publication.
# fmt: off
INITIALISMS = frozenset({
    "NHS", "NHSE", "ICB", "ICS", "CCG", "PCN", "GP", "UTC", "UCC", "MIU", "WIC", "OOH",
    "CIC", "UK", "CAMHS", "IAPT", "SDEC", "BMI", "ENT",
    "DHU", "EA", "NEMS", "WAM",
})
# fmt: on

#: Abbreviations written with a capital and then lower case (no vowel, yet not initialisms).
ABBREVIATIONS = {"ST": "St", "LTD": "Ltd", "CTR": "Ctr", "DR": "Dr", "MR": "Mr", "MRS": "Mrs"}

#: Joining words, lower case unless they open the name (or a bracket, or a part after " - ").
# fmt: off
JOINING_WORDS = frozenset({
    "and", "of", "the", "for", "upon", "on", "in", "at", "by", "with", "to", "under", "super", "le",
})
# fmt: on

_TOKENS = re.compile(r"[A-Za-z0-9'\u2019]+|[^A-Za-z0-9'\u2019]+")
_OPENS_A_PART = re.compile(r"\(|\s[-\u2013]\s|:")
_APOSTROPHE = re.compile("(['\u2019])")
_VOWELS = set("AEIOUY")


def _word(word: str, opening: bool) -> str:
    """One word (letters, digits, apostrophes) in proper case; ``opening`` if it starts a part."""
    upper = word.upper()
    if upper in INITIALISMS or len(upper) == 1:
        return upper
    if upper in ABBREVIATIONS:
        return ABBREVIATIONS[upper]
    letters = {c for c in upper if c.isalpha()}
    if letters and not _VOWELS & letters:
        return upper  # no vowel: an initialism (PHL, LLR) or a code (02P)
    if not opening and upper.lower() in JOINING_WORDS:
        return upper.lower()
    if upper.startswith("MC") and len(upper) > 3:
        return "Mc" + _word(upper[2:], opening=True)
    head, *rest = _APOSTROPHE.split(upper, maxsplit=1)
    if not rest:
        return upper.capitalize()
    mark, tail = rest
    # After an apostrophe, a possessive "s" is lower case (King's); a name goes on (O'Neill).
    tail = tail.capitalize() if len(tail) > 1 else tail.lower()
    return head.capitalize() + mark + tail


def proper_name(text: str) -> str:
    """A published organisation name in capitals, as people write it (see module docstring)."""
    if any(c.islower() for c in text):
        return text
    out: list[str] = []
    opening = True
    for token in _TOKENS.findall(text):
        if token[0].isalnum() or token[0] in "'\u2019":
            out.append(_word(token, opening))
            opening = False
        else:
            out.append(token)
            opening = opening or bool(_OPENS_A_PART.search(token))
    return "".join(out)


def proper_named(
    con: duckdb.DuckDBPyConnection, organisations: duckdb.DuckDBPyRelation
) -> duckdb.DuckDBPyRelation:
    """A reader's organisation rows with ``org_name`` in proper case (and a provisional
    ``provider`` type settled as ``trust`` or ``other``: :mod:`impact.sources.providers`).

    The rule is Python (word lists read better there than in SQL), so the rows are fetched
    once, renamed and handed back to DuckDB as one bound list. A file names at most a few
    thousand organisations, and the store would run this statement once anyway.
    """
    columns = organisations.columns
    rows = [dict(zip(columns, row, strict=True)) for row in organisations.fetchall()]
    if not rows:
        return organisations
    for row in rows:
        if row.get("org_type") == PROVIDER:  # the name says whether it is an NHS trust
            row["org_type"] = provider_type(row.get("org_name"))
        if row.get("org_name") is not None:
            row["org_name"] = proper_name(row["org_name"])
    return relation(con, "source_bound_rows", rows=rows)
