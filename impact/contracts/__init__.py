"""Extract contracts: the columns, types and rules every CSV extract must meet.

* :mod:`~impact.contracts.model`: what a contract is (``Column``, ``Contract``), the blank
  markers and the words a type is described with;
* :mod:`~impact.contracts.definitions`: the eleven contracts, each stated once;
* :mod:`~impact.contracts.matching`: which contract a header is (or is closest to);
* :mod:`~impact.contracts.document`: the contracts as Markdown for ``data/README.md``.

Everything is re-exported here, so ``from impact.contracts import OBSERVATIONS`` and
``contracts.match_contract(header)`` read as before.
"""

from impact.contracts.definitions import (
    BOARD_QUESTIONS,
    CAPABILITY,
    CONTRACTS,
    DIRECTIONS,
    EVENTS,
    FREQUENCIES,
    IMPACT_COMPONENTS,
    METRICS,
    OBSERVATIONS,
    ORG_TYPES,
    ORGANISATIONS,
    PDSA_CYCLES,
    PDSA_DECISIONS,
    PLANS,
    PRIORITIES,
    PROJECT_STATUSES,
    PROJECTS,
    QUESTION_STATUSES,
    SELF_ASSESSMENT,
    SLUG,
    TARGETS,
    UNITS,
)
from impact.contracts.matching import closest_contract, match_contract, normalise_header
from impact.contracts.model import NULL_STRINGS, TYPE_WORDS, Column, Contract

__all__ = [
    "BOARD_QUESTIONS",
    "CAPABILITY",
    "CONTRACTS",
    "DIRECTIONS",
    "EVENTS",
    "FREQUENCIES",
    "IMPACT_COMPONENTS",
    "METRICS",
    "NULL_STRINGS",
    "OBSERVATIONS",
    "ORGANISATIONS",
    "ORG_TYPES",
    "PDSA_CYCLES",
    "PDSA_DECISIONS",
    "PLANS",
    "PRIORITIES",
    "PROJECTS",
    "PROJECT_STATUSES",
    "QUESTION_STATUSES",
    "SELF_ASSESSMENT",
    "SLUG",
    "TARGETS",
    "TYPE_WORDS",
    "UNITS",
    "Column",
    "Contract",
    "closest_contract",
    "match_contract",
    "normalise_header",
]
