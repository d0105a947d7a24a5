"""Variation: what the latest point says about the process, as an MDC icon and in words.

The icon name joins the point type with the side the process moved to: improvement is high
when higher is better, concern is high when lower is better, neutral keeps its own side.
:data:`VARIATION` is the one home of the variation wording (full label, short table word).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VariationWords:
    """One variation icon in each form a page or pack needs."""

    label: str  #: beside the icon: ``Special cause improvement (high)``
    short: str  #: a table cell: ``Improvement (high)``


#: Each MDC variation icon (named as the R package names its icon files) and its words.
VARIATION: dict[str, VariationWords] = {
    "common_cause": VariationWords("Common cause variation: no significant change", "Common cause"),
    "improvement_high": VariationWords("Special cause improvement (high)", "Improvement (high)"),
    "improvement_low": VariationWords("Special cause improvement (low)", "Improvement (low)"),
    "concern_high": VariationWords("Special cause concern (high)", "Concern (high)"),
    "concern_low": VariationWords("Special cause concern (low)", "Concern (low)"),
    "neutral_high": VariationWords(
        "Special cause variation, neither better nor worse (high)", "Neutral (high)"
    ),
    "neutral_low": VariationWords(
        "Special cause variation, neither better nor worse (low)", "Neutral (low)"
    ),
}
#: The MDC variation icon names.
VARIATION_ICONS: tuple[str, ...] = tuple(VARIATION)
#: Icon name → full label.
VARIATION_LABELS: dict[str, str] = {name: w.label for name, w in VARIATION.items()}
#: Icon name → short word for a table cell.
VARIATION_SHORT: dict[str, str] = {name: w.short for name, w in VARIATION.items()}
#: The short word when a metric has too few points for a variation icon.
NO_VARIATION_SHORT = "Too few points"

#: (point type, higher is better) → icon name, for the point types that depend on direction
_SIDED = {
    ("special_cause_improvement", True): "improvement_high",
    ("special_cause_improvement", False): "improvement_low",
    ("special_cause_concern", True): "concern_low",
    ("special_cause_concern", False): "concern_high",
}


def variation_icon_name(point_type: str, improvement_direction: str) -> str:
    """The MDC variation icon for a point type: ``improvement_high``, ``concern_low``, ...

    Neutral points keep their own side; anything else is common cause.
    """
    if point_type in ("special_cause_neutral_high", "special_cause_neutral_low"):
        return point_type.removeprefix("special_cause_")
    key = (point_type, improvement_direction == "increase")
    return _SIDED.get(key, "common_cause")
