"""The "How to read these charts" page: the SPC reading in plain words and every MDC icon.

A board member who has never seen a Making Data Count chart reads this page once; it uses
the very icons and words the pages draw (:mod:`impact.spc.icons`), so nothing in the pack
means something different from the screen.
"""

from __future__ import annotations

from impact import spc as spc_engine
from impact.pack.model import Icon, IconGuideEntry
from impact.spc import icons

#: The plain-English introduction of the "How to read these charts" page.
HOW_TO_READ: tuple[str, ...] = (
    "Each chart is a statistical process control (SPC) chart, drawn the NHS England "
    "\u201cMaking Data Count\u201d way. The dots are the monthly values; the solid line is "
    "their average; the dashed lines are the process limits, the range the process "
    "would normally vary within. A dotted red line is the target.",
    "A dot is coloured when one of four rules finds a change that is unlikely to be chance: "
    "a point outside the limits; seven points in a row rising or falling; seven points in a "
    "row on one side of the average; or two of three points close to a limit. Blue dots are "
    "a change for the better, orange for the worse, purple where higher or lower is neither "
    "good nor bad. Grey dots are the usual ups and downs.",
    "Two icons sum each chart up. The variation icon says whether the latest point shows a "
    "real change. The assurance icon says whether the process, as it runs now, can be relied "
    "on to meet the target. Each icon always carries its label, so no meaning depends on "
    "colour.",
    "Where limits restart (a dashed vertical line), something changed the process and the "
    "limits were recalculated from that point.",
)

#: What each icon tells a board, in plain words: (kind, SPC type, direction, meaning).
ICON_MEANINGS: tuple[tuple[str, str, str, str], ...] = (
    (
        "variation",
        "common_cause",
        "increase",
        "Common cause: the latest value is within the usual ups and downs. Nothing has "
        "changed that needs explaining.",
    ),
    (
        "variation",
        "special_cause_improvement",
        "increase",
        "Special cause improvement (higher is better): the process has moved up, for the "
        "better. Worth understanding so it can be held.",
    ),
    (
        "variation",
        "special_cause_improvement",
        "decrease",
        "Special cause improvement (lower is better): the process has moved down, for the better.",
    ),
    (
        "variation",
        "special_cause_concern",
        "decrease",
        "Special cause concern (lower is better): the process has moved up, for the worse. "
        "Worth asking what changed.",
    ),
    (
        "variation",
        "special_cause_concern",
        "increase",
        "Special cause concern (higher is better): the process has moved down, for the worse.",
    ),
    (
        "variation",
        "special_cause_neutral_high",
        "neutral",
        "Special cause, neutral: the process has moved up, where neither direction is better "
        "(for example a count of attendances).",
    ),
    (
        "variation",
        "special_cause_neutral_low",
        "neutral",
        "Special cause, neutral: the process has moved down, where neither direction is better.",
    ),
    (
        "assurance",
        "consistent_pass",
        "",
        "Target consistently met: the target lies outside the process limits on the good side, "
        "so the process will meet it every month unless something changes.",
    ),
    (
        "assurance",
        "consistent_fail",
        "",
        "Target consistently missed: the target lies outside the process limits on the wrong "
        "side, so it will not be met without a change to the process.",
    ),
    (
        "assurance",
        "inconsistent",
        "",
        "Hit and miss: the target lies within the process limits, so it will be met in some "
        "months and missed in others by chance alone.",
    ),
)


def variation_icon(point_type: str | None, direction: str) -> Icon | None:
    """The variation icon the pages draw (:mod:`impact.spc.icons`), with its words; ``None``
    without an SPC result (the IPR row then says so in words)."""
    if not point_type:
        return None
    name = spc_engine.variation_icon_name(point_type, direction)
    return Icon(markup=icons.variation_icon_svg(name), label=icons.variation_label(name))


def assurance_icon(assurance: str | None) -> Icon | None:
    """The assurance icon the pages draw, with its words; ``None`` without a target."""
    if not assurance:
        return None
    name = spc_engine.assurance_icon_name(assurance)
    return Icon(markup=icons.assurance_icon_svg(name), label=icons.assurance_label(name))


def icon_guide() -> list[IconGuideEntry]:
    """The "How to read these charts" rows: every MDC icon with its meaning in plain words."""
    entries = []
    for kind, kind_type, direction, meaning in ICON_MEANINGS:
        icon = (
            variation_icon(kind_type, direction)
            if kind == "variation"
            else assurance_icon(kind_type)
        )
        if icon is not None:
            entries.append(IconGuideEntry(icon=icon, meaning=meaning))
    return entries
