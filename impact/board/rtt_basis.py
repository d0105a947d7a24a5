"""On which basis an ICB's referral-to-treatment figures are formed, said on the page.

NHS England's RTT file has one row per provider × commissioner, so an ICB's waiting list
can be formed two ways: the patients waiting at the providers whose parent it is
(*provider basis*) or the patients whose care it commissions, wherever they are treated
(*commissioner basis*, NHS England's headline series). They differ where patients cross
ICB borders, so a board reading an ICB's RTT figures is told which it sees. The RTT reader
(:mod:`impact.sources.rtt`) forms them on provider basis; figures an analyst supplies in
their own extract are on whatever basis that extract uses, and nothing is said of them.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

#: The reader of NHS England's RTT full CSV extract (``impact.sources.rtt``).
RTT_READER = "rtt"

PROVIDER_BASIS = (
    "**Referral to treatment (RTT) figures for this ICB are on provider basis**: the sum "
    "of the patients waiting at the NHS trusts and other providers whose parent "
    "organisation is this ICB in NHS England's RTT file, whoever commissioned their care. "
    "NHS England also publishes RTT on commissioner basis (the patients whose care this "
    "ICB commissions, wherever they are treated); the two differ where patients are "
    "treated outside their own ICB."
)


def rtt_basis_metrics(
    org_type: str | None, metric_files: pd.DataFrame, readers: Mapping[str, str | None]
) -> set[str]:
    """The metrics of an ICB whose latest figures came from NHS England's RTT file.

    ``metric_files`` is the ``data_status_metric_files`` query for the organisation
    (``metric_id``, ``source_file``); ``readers`` maps each file's path to the reader that
    read it. Empty for any organisation that is not an ICB.
    """
    if org_type != "icb" or metric_files.empty:
        return set()
    return {
        str(metric_id)
        for metric_id, source_file in zip(
            metric_files["metric_id"], metric_files["source_file"], strict=True
        )
        if readers.get(str(source_file)) == RTT_READER
    }
