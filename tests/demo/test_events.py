"""Targets and events: the one re-based process change, and only known metrics and organisations."""

from __future__ import annotations

from impact import demo
from impact.catalogue import METRICS_CSV, TARGETS_CSV
from tests.demo.conftest import split_at
from tests.demo.contract_check import read_csv


def test_rebase_event_marks_a_real_process_change(tables: dict, series: dict) -> None:
    rebases = [e for e in tables["events"] if e["rebase"] == "true"]
    assert [(e["metric_id"], e["org_code"], e["event_date"]) for e in rebases] == [
        ("dm01_6wk_pct", demo.REBASED, demo.REBASED_FROM.isoformat())
    ]
    before, after = split_at(series[("dm01_6wk_pct", demo.REBASED)], demo.REBASED_FROM)
    assert before.mean() - after.mean() > 8
    assert len(tables["events"]) > len(rebases)


def test_events_and_projects_refer_to_known_metrics_and_organisations(tables: dict) -> None:
    metrics = {r["metric_id"] for r in read_csv(METRICS_CSV)[1]}
    orgs = {r["org_code"] for r in tables["organisations"]}
    observed = {(r["metric_id"], r["org_code"]) for r in tables["observations"]}
    for e in tables["events"]:
        assert (e["metric_id"], e["org_code"]) in observed, e
    for p in tables["projects"]:
        assert p["org_code"] in orgs, p
        assert p["metric_id"] == "" or (p["metric_id"], p["org_code"]) in observed, p
    for t in tables["targets"]:
        assert t["metric_id"] in metrics and t["org_code"] in orgs and t["source"], t
    national = {(r["metric_id"], r["org_code"]) for r in read_csv(TARGETS_CSV)[1]}
    assert not national & {(t["metric_id"], t["org_code"]) for t in tables["targets"]}
