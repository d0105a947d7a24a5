"""Which count measures are compared between organisations as rates, and of what.

A trust's 1,269 twelve-hour waits beside a children's hospital's 3 say more about size than
about care, so a count with a natural denominator is compared per 1,000 attendances or per
100 on the waiting list. The denominator is another metric of the same organisation in the
same month. This table is declarative on purpose: it could become two catalogue columns.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    """A count compared as ``per`` × count / ``denominator_metric``."""

    denominator_metric: str
    per: int
    label: str  # the words after the number: "per 1,000 attendances"
    count_noun: str  # what the count counts, for the hover: "waits"
    denominator_noun: str  # what the denominator counts: "attendances"


def _per_1000_attendances() -> Rate:
    return Rate("ae_attendances", 1000, "per 1,000 attendances", "waits", "attendances")


def _per_100_waiting() -> Rate:
    return Rate("rtt_waiting_list", 100, "per 100 on the waiting list", "waiting", "on the list")


#: metric_id → how it is compared as a rate. Metrics not listed are compared as they are.
PEER_RATES: dict[str, Rate] = {
    "ae_12hr_dta": _per_1000_attendances(),
    "ae_4hr_dta": _per_1000_attendances(),
    "rtt_52wk": _per_100_waiting(),
    "rtt_65wk": _per_100_waiting(),
    "rtt_78wk": _per_100_waiting(),
}


def peer_rate(metric_id: str) -> Rate | None:
    """How ``metric_id`` is compared as a rate, or ``None`` when compared as it is."""
    return PEER_RATES.get(metric_id)
