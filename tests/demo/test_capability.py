"""NHS IMPACT capability and self-assessment: cumulative training, one trust never assessed."""

from __future__ import annotations

from collections import defaultdict


def test_capability_and_self_assessment(tables: dict) -> None:
    trusts = {r["org_code"] for r in tables["organisations"] if r["org_type"] == "trust"}
    cap = defaultdict(list)
    for r in tables["capability"]:
        cap[r["org_code"]].append(r)
    assert trusts <= set(cap)
    for rows in cap.values():
        assert {r["period_start"][5:7] for r in rows} == {"01", "04", "07", "10"}
        trained = [int(r["staff_trained_foundation"]) for r in rows]
        assert trained == sorted(trained)  # cumulative
    assessed = defaultdict(set)
    for r in tables["self_assessment"]:
        assessed[r["org_code"]].add((r["assessment_date"], r["component"]))
    assert len(trusts - set(assessed)) == 1
    for pairs in assessed.values():
        dates = {d for d, _ in pairs}
        assert 2 <= len(dates) <= 3 and len(pairs) == 5 * len(dates)
