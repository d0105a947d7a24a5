"""Which ICB figures are said to be on provider basis: those the RTT file gave."""

import pandas as pd

from impact.board.rtt_basis import PROVIDER_BASIS, RTT_READER, rtt_basis_metrics

FILES = pd.DataFrame(
    {
        "metric_id": ["rtt_18wk_pct", "rtt_waiting_list", "dm01_6wk_pct", "rtt_65wk"],
        "source_file": ["rtt/march.zip", "rtt/march.zip", "dm01/jan.xls", "own/rtt.csv"],
    }
)
READERS = {"rtt/march.zip": RTT_READER, "dm01/jan.xls": "dm01", "own/rtt.csv": None}


def test_an_icbs_measures_from_the_rtt_file_are_named_and_its_own_extract_is_not():
    assert rtt_basis_metrics("icb", FILES, READERS) == {"rtt_18wk_pct", "rtt_waiting_list"}


def test_a_trust_or_region_has_no_basis_to_state():
    for org_type in ("trust", "region", None):
        assert rtt_basis_metrics(org_type, FILES, READERS) == set()


def test_no_figures_no_note():
    assert rtt_basis_metrics("icb", FILES.iloc[0:0], READERS) == set()
    assert rtt_basis_metrics("icb", FILES, {}) == set()


def test_the_note_names_both_bases():
    assert "provider basis" in PROVIDER_BASIS and "commissioner basis" in PROVIDER_BASIS
