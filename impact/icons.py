"""The MDC icons moved to :mod:`impact.spc.icons`."""

# shim: importers move at integration
from impact.spc.icons import (
    ASSURANCE_LABELS,
    MDC_BLUE,
    MDC_GREY,
    MDC_ORANGE,
    MDC_PURPLE,
    VARIATION_LABELS,
    assurance_icon_svg,
    assurance_label,
    assurance_name,
    icon_data_uri,
    variation_icon_svg,
    variation_label,
    variation_name,
)

__all__ = [
    "ASSURANCE_LABELS",
    "MDC_BLUE",
    "MDC_GREY",
    "MDC_ORANGE",
    "MDC_PURPLE",
    "VARIATION_LABELS",
    "assurance_icon_svg",
    "assurance_label",
    "assurance_name",
    "icon_data_uri",
    "variation_icon_svg",
    "variation_label",
    "variation_name",
]
