"""The national metric catalogue and its targets, shipped with the product.

The national recovery priorities (urgent and emergency care, elective care and cancer,
primary care) are the same for every NHS organisation, so their metrics and targets are
part of the product rather than of any one organisation's extracts: the store always
loads these two files, and an analyst's own ``metrics``/``targets`` extracts extend or
override them by ``metric_id``. They are plain CSV files written to the ``metrics`` and
``targets`` contracts so that the same validation applies to them as to any extract.

How the targets are recorded:

* Every row names the planning document it comes from in ``source``.
* A percentage target "by March" of a financial year applies across that year
  (``effective_from`` 1 April to ``effective_to`` 31 March), as board integrated
  performance reports show it.
* An elimination target (no waits over 78 or 65 weeks) applies from its deadline.
* The latest national target for a metric stays in force (``effective_to`` blank) until
  a later guidance row replaces it.
* Metrics the guidance sets no national number for (12-hour waits from decision to admit,
  the waiting list, GP appointments within two weeks, ...) have no target row; their
  ``definition`` says so, and an organisation can add its own targets as an extract.
"""

from __future__ import annotations

from pathlib import Path

CATALOGUE_DIR = Path(__file__).resolve().parent
#: How catalogue files are named in the store's reports and in ``source_file``.
CATALOGUE_PREFIX = "national catalogue/"
#: Contracts whose national catalogue rows an analyst's rows replace, by ``metric_id``.
OVERRIDABLE = ("metrics", "targets")
METRICS_CSV = CATALOGUE_DIR / "metrics.csv"
TARGETS_CSV = CATALOGUE_DIR / "targets.csv"


def catalogue_paths() -> dict[str, Path]:
    """Contract name → the shipped CSV file of that contract (``metrics``, ``targets``)."""
    return {"metrics": METRICS_CSV, "targets": TARGETS_CSV}
