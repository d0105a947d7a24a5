"""The five NHS IMPACT components and how a score is written in a sentence."""

from __future__ import annotations

from impact.capability.components import COMPONENT_SHORT, COMPONENT_TITLES, score_text
from impact.contracts import IMPACT_COMPONENTS


def test_every_component_has_a_title_and_a_short_name() -> None:
    assert list(COMPONENT_TITLES) == list(IMPACT_COMPONENTS) == list(COMPONENT_SHORT)
    assert all(COMPONENT_TITLES[c].startswith(("Building", "Investing", "Developing", "Embedding"))
               for c in IMPACT_COMPONENTS)  # fmt: skip


def test_scores_are_written_without_needless_decimals() -> None:
    assert [score_text(s) for s in (3.0, 3.5, 1.0)] == ["3", "3.5", "1"]
