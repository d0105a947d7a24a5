"""Making Data Count variation and assurance icons, drawn here as SVG.

Boards recognise the MDC icons at a glance, so we draw icons in their style and colours
(common cause grey, improvement blue, concern orange, neutral purple; assurance pass blue,
fail orange, hit-and-miss grey). The drawings are our own. Colour is never the only signal:
each icon carries a letter (H/L for the side a variation moved to, P/F/? for assurance), an
``aria-label`` and ``<title>`` with its plain-English label, and :func:`variation_label` /
:func:`assurance_label` give the same words for a caption beside it.

Names follow the R package's icon files: ``variation/improvement_high.svg`` or just
``improvement_high``; assurance accepts ``pass``/``fail``/``inconsistent`` and the assurance
types ``consistent_pass`` etc. The words come from :mod:`impact.spc.variation` and
:mod:`impact.spc.assurance`, their one home.
"""

from __future__ import annotations

import base64
from html import escape

from impact.spc.assurance import ASSURANCE_ALIASES, ASSURANCE_LABELS
from impact.spc.variation import VARIATION_LABELS

#: MDC colours for the icons' rings and marks.
MDC_GREY = "#A6A6A6"
MDC_BLUE = "#00B0F0"
MDC_ORANGE = "#E46C0A"
MDC_PURPLE = "#490092"
#: Grey for the dots and line inside the icons: darker than the MDC grey so the marks keep
#: 3:1 contrast on white (WCAG 2.2 non-text contrast); the ring keeps the MDC grey.
DOT_GREY = "#6F6F6F"
#: Darker shades of the same hues for letters, so text keeps 4.5:1 contrast on white.
INK = {MDC_GREY: "#4D4D4D", MDC_BLUE: "#005EB8", MDC_ORANGE: "#A84B00", MDC_PURPLE: "#490092"}

_VARIATION_COLOUR = {
    "common_cause": MDC_GREY,
    "improvement": MDC_BLUE,
    "concern": MDC_ORANGE,
    "neutral": MDC_PURPLE,
}
_ASSURANCE_STYLE = {
    "pass": (MDC_BLUE, "P"),
    "fail": (MDC_ORANGE, "F"),
    "inconsistent": (MDC_GREY, "?"),
}


def _name(kind: str, folder: str) -> str:
    """``variation/improvement_high.svg`` → ``improvement_high``."""
    name = kind.removeprefix(f"{folder}/").removesuffix(".svg")
    if folder == "variation":
        name = name.removeprefix("special_cause_")
    else:
        name = ASSURANCE_ALIASES.get(name, name)
    return name


def variation_name(kind: str) -> str:
    """The icon name for a variation icon path or name; ValueError when it is not one."""
    name = _name(kind, "variation")
    if name not in VARIATION_LABELS:
        raise ValueError(f"unknown variation icon {kind!r}; one of {sorted(VARIATION_LABELS)}")
    return name


def assurance_name(kind: str) -> str:
    """The icon name for an assurance icon path, name or assurance type."""
    name = _name(kind, "assurance")
    if name not in ASSURANCE_LABELS:
        raise ValueError(f"unknown assurance icon {kind!r}; one of {sorted(ASSURANCE_LABELS)}")
    return name


def variation_label(kind: str) -> str:
    """Plain-English label, e.g. ``Special cause improvement (high)``."""
    return VARIATION_LABELS[variation_name(kind)]


def assurance_label(kind: str) -> str:
    """Plain-English label, e.g. ``Consistently passing the target``."""
    return ASSURANCE_LABELS[assurance_name(kind)]


def _svg(label: str, size: int, body: str) -> str:
    text = escape(label, quote=True)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="{size}" '
        f'height="{size}" role="img" aria-label="{text}"><title>{text}</title>{body}</svg>'
    )


def _ring(colour: str) -> str:
    return f'<circle cx="50" cy="50" r="44" fill="#FFFFFF" stroke="{colour}" stroke-width="7"/>'


def variation_icon_svg(kind: str, *, size: int = 48) -> str:
    """The variation icon as an SVG string (``kind``: name or ``variation/<name>.svg``).

    A ring in the MDC colour around seven dots: level for common cause; for special cause
    the last dots step up (high) or down (low) in colour, with the letter H above or L below.
    """
    name = variation_name(kind)
    family, _, side = name.partition("_")
    colour = _VARIATION_COLOUR["common_cause" if name == "common_cause" else family]
    xs = [24, 32, 40, 48, 56, 64, 72]
    if name == "common_cause":
        ys = [52, 44, 56, 46, 54, 42, 50]
        dots = [(x, y, DOT_GREY) for x, y in zip(xs, ys, strict=True)]
        letter = ""
    else:
        rise = -1 if side == "high" else 1
        ys = [50, 46, 53, 48] + [50 + rise * d for d in (10, 14, 18)]
        dots = [
            (x, y, DOT_GREY if i < 4 else colour)
            for i, (x, y) in enumerate(zip(xs, ys, strict=True))
        ]
        letter_y = 32 if side == "high" else 84
        letter = (
            f'<text x="50" y="{letter_y}" text-anchor="middle" font-family="Arial, sans-serif"'
            f' font-size="22" font-weight="700" fill="{INK[colour]}">{side[0].upper()}</text>'
        )
    line = " ".join(f"{x},{y}" for x, y, _ in dots)
    marks = "".join(f'<circle cx="{x}" cy="{y}" r="4.5" fill="{c}"/>' for x, y, c in dots)
    body = (
        f"{_ring(colour)}"
        f'<polyline points="{line}" fill="none" stroke="{DOT_GREY}" stroke-width="2"/>'
        f"{marks}{letter}"
    )
    return _svg(VARIATION_LABELS[name], size, body)


def assurance_icon_svg(kind: str, *, size: int = 48) -> str:
    """The assurance icon as an SVG string: a ring with P (pass), F (fail) or ? (hit and miss).

    A dashed line across the lower half stands for the target.
    """
    name = assurance_name(kind)
    colour, letter = _ASSURANCE_STYLE[name]
    body = (
        f"{_ring(colour)}"
        f'<line x1="20" y1="72" x2="80" y2="72" stroke="{colour}" stroke-width="4" '
        f'stroke-dasharray="7 5"/>'
        f'<text x="50" y="61" text-anchor="middle" font-family="Arial, sans-serif" '
        f'font-size="44" font-weight="700" fill="{INK[colour]}">{escape(letter)}</text>'
    )
    return _svg(ASSURANCE_LABELS[name], size, body)


def icon_data_uri(svg: str) -> str:
    """A ``data:`` URI for an SVG string, for ``<img src=...>`` in HTML or markdown."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
