"""Assurance: will the process, as it runs now, meet its target? And every way we word it.

NHSRplotthedots' ``ptd_calculate_assurance_type``: ``consistent_pass`` when the target lies
beyond the process limit on the worse side (every point will pass), ``consistent_fail`` when
beyond the limit on the better side, otherwise ``inconsistent`` (hit and miss).

:data:`ASSURANCE` is the one home of the assurance wording: the icon name, the full label
beside an icon, the short word for a table cell and the lower-case word inside a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Assurance types (R's ``ptd_calculate_assurance_type``); codes index into it.
ASSURANCE_TYPES: tuple[str, ...] = ("consistent_pass", "consistent_fail", "inconsistent")


@dataclass(frozen=True)
class AssuranceWords:
    """One assurance type in each of the forms a page, a pack or a sentence needs."""

    icon: str  #: the icon name (``pass``), as the R package names its icon files
    label: str  #: beside the icon: ``Consistently passing the target``
    short: str  #: a table cell: ``Passing``
    word: str  #: inside a sentence, ranked worst first by callers: ``passing``


#: Each assurance type's words, in the order of :data:`ASSURANCE_TYPES`.
ASSURANCE: dict[str, AssuranceWords] = {
    "consistent_pass": AssuranceWords(
        "pass", "Consistently passing the target", "Passing", "passing"
    ),
    "consistent_fail": AssuranceWords(
        "fail", "Consistently failing the target", "Failing", "failing"
    ),
    "inconsistent": AssuranceWords(
        "inconsistent",
        "Hit and miss: the target will be met in some periods and not others",
        "Hit and miss",
        "hit-and-miss",
    ),
}
#: The words when there is no target to assure against (or the direction is neutral).
NO_TARGET = AssuranceWords("", "No target to assure against", "No target", "no target")

#: Icon name → full label (what the icons draw as their accessible name).
ASSURANCE_LABELS: dict[str, str] = {w.icon: w.label for w in ASSURANCE.values()}
#: Icon name → short word for a table cell.
ASSURANCE_SHORT: dict[str, str] = {w.icon: w.short for w in ASSURANCE.values()}
#: Assurance type → lower-case word for a sentence.
ASSURANCE_WORDS: dict[str, str] = {t: w.word for t, w in ASSURANCE.items()}
#: Names the icons accept besides the icon names themselves.
ASSURANCE_ALIASES: dict[str, str] = {
    **{t: w.icon for t, w in ASSURANCE.items()},
    "hit_and_miss": "inconsistent",
}


def assurance_type(
    target: float | None,
    lpl: float,
    upl: float,
    improvement_direction: str,
    *,
    target_given: bool = True,
    r_missing_target: bool = False,
) -> str | None:
    """The assurance type for one facet (ties and NaN limits are ``inconsistent``).

    None when no target was given at all or the direction is neutral. A facet with no target
    of its own gets ``inconsistent`` when ``r_missing_target`` (what R does when a named
    target omits the facet) and None otherwise.
    """
    if not target_given or improvement_direction == "neutral":
        return None
    if target is None or np.isnan(target):
        return "inconsistent" if r_missing_target else None
    code = assurance_codes(
        np.array([float(target)]),
        np.array([lpl], dtype=float),
        np.array([upl], dtype=float),
        np.array([0 if improvement_direction == "increase" else 1]),
        "value",
    )
    return ASSURANCE_TYPES[int(code[0])]


def assurance_codes(
    target: np.ndarray, lpl: np.ndarray, upl: np.ndarray, direction: np.ndarray, mode: str
) -> np.ndarray:
    """:func:`assurance_type` for many facets: codes into :data:`ASSURANCE_TYPES`, -1 none.

    ``direction``: 0 increase, 1 decrease, 2 neutral. ``mode`` is how the target was given
    (:func:`impact.spc.parameters.target_mode`): with a value or a mapping, a facet without a
    target is ``inconsistent`` as in R; with a column it has none.
    """
    if mode == "none":
        return np.full(len(target), -1)
    increasing = direction == 0
    with np.errstate(invalid="ignore"):
        above, below = target > upl, target < lpl
    code = np.where(
        above, np.where(increasing, 1, 0), np.where(below, np.where(increasing, 0, 1), 2)
    )
    missing = np.isnan(target)
    code = np.where(missing, 2 if mode in ("value", "mapping") else -1, code)
    return np.where(direction == 2, -1, code)


def assurance_icon_name(assurance: str) -> str:
    """``pass``, ``fail`` or ``inconsistent``: the MDC assurance icon for an assurance type
    (anything that is not one is ``inconsistent``)."""
    words = ASSURANCE.get(assurance)
    return words.icon if words else "inconsistent"
