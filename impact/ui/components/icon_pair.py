"""The variation and assurance icons of a metric, each with its words (never colour alone)."""

from __future__ import annotations

from html import escape

import streamlit as st

from impact.board import MetricAnswer
from impact.spc import icons


def icon_pair(answer: MetricAnswer) -> None:
    """The variation and assurance icons, each with its words beside it."""
    variation = icons.variation_icon_svg(answer.variation_icon) if answer.variation_icon else ""
    assurance = icons.assurance_icon_svg(answer.assurance) if answer.assurance else ""
    parts = [
        _figure(variation, "Variation", answer.variation_label),
        _figure(assurance, "Assurance", answer.assurance_label),
    ]
    st.html(f'<div class="icon-pair">{"".join(parts)}</div>')


def _figure(svg: str, kind: str, label: str) -> str:
    """An icon with its words beside it.

    The SVG is shown as an image (Streamlit's HTML sanitiser drops inline SVG); its ``alt``
    is empty because the caption beside it already says the same words to a screen reader.
    """
    image = f'<img src="{icons.icon_data_uri(svg)}" alt="" width="48" height="48">' if svg else ""
    return (
        f"<figure>{image}<figcaption><strong>{escape(kind)}:</strong> "
        f"{escape(label)}</figcaption></figure>"
    )
