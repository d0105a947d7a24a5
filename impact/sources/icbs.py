"""The 42 integrated care boards (ICBs) and the NHS England region each sits in.

Embedded, like the regions, because the shipped product must work with nothing but the
analyst's own data folder, and publications such as RTT name a provider's ICB but not the
region above it. As ODS listed them in 2024 (the ICBs established on 1 July 2022);
an ICB code not listed here is put directly under England until the ODS register
(which outranks this) says otherwise.
"""

from __future__ import annotations

#: ICB ODS code → its region's ODS code (Y56…Y63).
ICB_REGIONS: dict[str, str] = {
    "QKK": "Y56",
    "QMF": "Y56",
    "QMJ": "Y56",
    "QRV": "Y56",
    "QWE": "Y56",
    "QJK": "Y58",
    "QOX": "Y58",
    "QR1": "Y58",
    "QSL": "Y58",
    "QT6": "Y58",
    "QUY": "Y58",
    "QVV": "Y58",
    "QKS": "Y59",
    "QNQ": "Y59",
    "QNX": "Y59",
    "QRL": "Y59",
    "QU9": "Y59",
    "QXU": "Y59",
    "QGH": "Y60",
    "QHL": "Y60",
    "QJ2": "Y60",
    "QJM": "Y60",
    "QK1": "Y60",
    "QNC": "Y60",
    "QOC": "Y60",
    "QPM": "Y60",
    "QT1": "Y60",
    "QUA": "Y60",
    "QWU": "Y60",
    "QH8": "Y61",
    "QHG": "Y61",
    "QJG": "Y61",
    "QM7": "Y61",
    "QMM": "Y61",
    "QUE": "Y61",
    "QE1": "Y62",
    "QOP": "Y62",
    "QYG": "Y62",
    "QF7": "Y63",
    "QHM": "Y63",
    "QOQ": "Y63",
    "QWO": "Y63",
}


def icbs_param() -> list[dict[str, str]]:
    """The ICB → region list as a bound parameter (a list of structs) for the readers' SQL."""
    return [{"icb_code": icb, "region_code": region} for icb, region in ICB_REGIONS.items()]
