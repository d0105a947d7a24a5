"""The five NHS IMPACT components, as NHS England words them, and how a score is written."""

from __future__ import annotations

#: The five NHS IMPACT components as NHS England words them.
COMPONENT_TITLES: dict[str, str] = {
    "shared_purpose_and_vision": "Building a shared purpose and vision",
    "people_and_culture": "Investing in people and culture",
    "leadership_behaviours": "Developing leadership behaviours",
    "capability_and_capacity": "Building improvement capability and capacity",
    "management_systems_and_processes": (
        "Embedding improvement into management systems and processes"
    ),
}
#: Short names for sentences ("Leadership behaviours scored lowest …").
COMPONENT_SHORT: dict[str, str] = {
    "shared_purpose_and_vision": "Shared purpose and vision",
    "people_and_culture": "People and culture",
    "leadership_behaviours": "Leadership behaviours",
    "capability_and_capacity": "Capability and capacity",
    "management_systems_and_processes": "Management systems and processes",
}


def score_text(score: float) -> str:
    """A score as written in a sentence: ``3``, ``3.5``."""
    return f"{score:g}"
