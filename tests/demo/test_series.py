"""The monthly figures: every metric, realistic levels, aggregated upwards, the planted stories."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

from impact import demo
from impact.catalogue import METRICS_CSV
from tests.demo.conftest import split_at
from tests.demo.contract_check import read_csv


def test_every_catalogue_metric_is_in_the_demo(tables: dict, series: dict) -> None:
    _, catalogue = read_csv(METRICS_CSV)
    units = {r["metric_id"]: r["unit"] for r in catalogue}
    assert set(demo.METRIC_UNITS) == set(units)
    for metric, unit in demo.METRIC_UNITS.items():
        assert units[metric] == unit, metric
        region = series[(metric, demo.REGION)]
        assert len(region) == demo.N_MONTHS >= 36
    periods = sorted({r["period_start"] for r in tables["observations"]})
    assert periods[-1] == demo.END_MONTH.isoformat() and len(periods) == demo.N_MONTHS


def test_levels_are_realistic(series: dict) -> None:
    typical = {
        "ae_4hr_all": (68, 80),
        "rtt_18wk_pct": (50, 68),
        "cwt_28d_fds": (70, 82),
        "cwt_62d": (60, 78),
        "cwt_31d": (88, 97),
        "dm01_6wk_pct": (5, 28),
        "amb_cat2_mean": (25, 50),
        "gp_appts_within_2wks": (80, 90),
        "gp_same_day_pct": (35, 50),
        "gp_dna_rate": (3, 6),
    }
    for metric, (low, high) in typical.items():
        values = series[(metric, demo.REGION)]
        assert low <= values.mean() <= high, metric
        assert values.std() > 0, metric


def test_higher_levels_are_aggregated_from_numerators_and_denominators(tables: dict) -> None:
    parent = {r["org_code"]: r["parent_code"] for r in tables["organisations"]}
    sums: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    rows = {(r["metric_id"], r["org_code"], r["period_start"]): r for r in tables["observations"]}
    for (metric, org, period), r in rows.items():
        up = parent.get(org)
        if up:
            acc = sums[(metric, up, period)]
            acc[0] += float(r["value"])
            acc[1] += float(r["numerator"] or 0)
            acc[2] += float(r["denominator"] or 0)
    checked = 0
    for key, (value_sum, num, den) in sums.items():
        row = rows[key]
        if demo.METRIC_UNITS[key[0]] == "count":
            assert float(row["value"]) == value_sum, key
        else:
            assert (float(row["numerator"]), float(row["denominator"])) == (num, den), key
            scale = 100 if demo.METRIC_UNITS[key[0]] == "percent" else 1
            assert float(row["value"]) == pytest.approx(scale * num / den, abs=0.051), key
        checked += 1
    assert checked > 1000


def _xmr(values: np.ndarray) -> tuple[float, float, float]:
    mean = float(values.mean())
    spread = 2.66 * float(np.abs(np.diff(values)).mean())
    return mean - spread, mean, mean + spread


def test_improved_trust_steps_up_after_its_project_began(tables: dict, series: dict) -> None:
    project = next(p for p in tables["projects"] if p["project_id"] == "P-XRA03-001")
    assert project["org_code"] == demo.IMPROVED and project["metric_id"] == "ae_4hr_all"
    assert project["start_date"][:7] == demo.IMPROVED_FROM.isoformat()[:7]
    before, after = split_at(series[("ae_4hr_all", demo.IMPROVED)], demo.IMPROVED_FROM)
    assert len(before) >= 12 and len(after) >= 12
    assert after.mean() - before.mean() > 5
    # the gain clears the "before" process: most later points above its upper limit
    assert (after > _xmr(before)[2]).mean() > 0.5


def test_deteriorated_trust_has_more_long_waits(series: dict) -> None:
    before, after = split_at(series[("ae_12hr_dta", demo.DETERIORATED)], demo.DETERIORATED_FROM)
    assert after.mean() > 1.5 * before.mean()
    assert (after > _xmr(before)[2]).sum() >= 6


def test_stuck_trust_cannot_reach_its_target(series: dict) -> None:
    values = series[("rtt_18wk_pct", demo.STUCK)]
    low, mean, high = _xmr(values)
    assert high < 65  # the 2025/26 target lies outside the process limits
    assert ((values > low) & (values < high)).all()  # and nothing special is happening
    above = values > mean
    runs = np.diff(np.flatnonzero(np.diff(above.astype(int)) != 0), prepend=-1, append=len(above))
    assert runs.max() < 7
