"""The rules an answer keeps, apart from its wording: which kind of question is asked,
whether a value meets its target, and when the latest points overrule the limits' assurance.

Kept apart from :mod:`impact.board.answers` (the grammar) because the ranking of the
board's questions and the consistency checks apply the same rules without writing a word.
"""

from __future__ import annotations

import math

import numpy as np

from impact.contracts.definitions import QUESTION_KINDS

#: How many of the latest points of the current period the consistency rules look at.
RECENT = 3


def question_kind(declared: str | None, target: float | None, direction: str = "increase") -> str:
    """The kind a metric's question asks: the catalogue's, or by default from the target.

    A blank (or an analyst's extract without the column) is ``standard`` when a target is
    in force, ``change`` otherwise; a ``standard`` question with no target in force (no
    standard to meet), or of a measure where neither higher nor lower is better, is
    answered as a ``change`` question.
    """
    has_target = target is not None and not math.isnan(target) and direction != "neutral"
    kind = (declared or "").strip()
    if kind not in QUESTION_KINDS:
        kind = "standard" if has_target else "change"
    return kind if has_target else "change"


def meets(value: float, target: float, direction: str) -> bool:
    """Whether one value meets the target (higher is better: at or above it)."""
    return value >= target if direction == "increase" else value <= target


def assurance_shown(
    engine: str | None, recent: np.ndarray, target: float | None, direction: str
) -> str | None:
    """The engine's assurance, unless the latest points of the current period contradict it.

    When the last :data:`RECENT` points all meet the target but the limits say it will
    consistently fail (or all miss while the limits say it will consistently pass), the
    limits lag the points: the assurance shown is ``inconsistent`` (hit and miss).
    """
    if engine is None or target is None or direction == "neutral" or len(recent) < RECENT:
        return engine
    met = [meets(float(v), target, direction) for v in recent[-RECENT:]]
    if engine == "consistent_fail" and all(met):
        return "inconsistent"
    if engine == "consistent_pass" and not any(met):
        return "inconsistent"
    return engine
