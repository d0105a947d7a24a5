"""The stamp's stale-data banner in AppTest: lagging measures by priority, with their file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.ui.apps import dashboard


def test_the_stale_banner_names_the_priority_and_the_file_that_would_help(demo_copy: Path):
    path = demo_copy / "observations.csv"
    obs = pd.read_csv(path, dtype=str, keep_default_na=False)
    lagging = (obs.metric_id == "rtt_52wk") & (obs.org_code == "XRA05")
    obs = obs[~(lagging & (obs.period_start > "2026-06-01"))]
    obs.to_csv(path, index=False)
    at = dashboard(org="XRA05", timeout=60)
    banners = [w.value for w in at.warning if w.value.startswith("**Stale data**")]
    assert len(banners) == 1
    heading = "**Elective care**\n- Waits over 52 weeks (referral to treatment): latest Jun 2026 "
    assert heading in banners[0]
    assert (
        "(monthly), from observations.csv; the Jul 2026 file of NHS England, Consultant-led "
        "Referral to Treatment Waiting Times (monthly) would bring it up to date."
    ) in banners[0]
    assert "Urgent & emergency care" not in banners[0]
