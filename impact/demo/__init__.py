"""Deterministic demo data: a fictional region that looks real to an NHS board member.

A fresh clone has to show the dashboard working before anyone has an extract, and the
tests need data whose answers are known. So this package builds one fictional region (two
ICBs, eight acute trusts, six primary care networks) with every national recovery metric
and writes it as CSV extracts to the contracts in :mod:`impact.contracts`. It walks in the
order the files are made:

* :mod:`~impact.demo.region` – the organisations, the months and the planted stories;
* :mod:`~impact.demo.series` – the monthly figures of every metric, aggregated upwards;
* :mod:`~impact.demo.events` – local targets and dated events (one re-bases the limits);
* :mod:`~impact.demo.plans` – operating-plan trajectories (one trust re-planned mid-year);
* :mod:`~impact.demo.projects` – the improvement portfolio, read from ``projects.csv`` and
  ``pdsa_plans.csv`` beside it;
* :mod:`~impact.demo.capability` – NHS IMPACT capability and self-assessment;
* :mod:`~impact.demo.generate` – one seeded generator, every file written atomically.
"""

from impact.demo.generate import DEFAULT_OUT, build, generate
from impact.demo.region import (
    DETERIORATED,
    DETERIORATED_FROM,
    END_MONTH,
    IMPROVED,
    IMPROVED_FROM,
    N_MONTHS,
    REBASED,
    REBASED_FROM,
    REGION,
    STUCK,
    months,
    organisations,
)
from impact.demo.series import METRIC_UNITS

__all__ = [
    "DEFAULT_OUT",
    "DETERIORATED",
    "DETERIORATED_FROM",
    "END_MONTH",
    "IMPROVED",
    "IMPROVED_FROM",
    "METRIC_UNITS",
    "N_MONTHS",
    "REBASED",
    "REBASED_FROM",
    "REGION",
    "STUCK",
    "build",
    "generate",
    "months",
    "organisations",
]
