"""The demo data set: reproducible, committed as generated, valid, and telling the stories
the board pages are built to show (an improvement, a deterioration, a stuck metric)."""

from __future__ import annotations

import argparse
import csv
import importlib.util
import re
import subprocess
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from impact import PROJECT_ROOT, demo
from impact.catalogue import METRICS_CSV, TARGETS_CSV
from impact.cli import demo as demo_cli
from impact.contracts import CONTRACTS, NULL_STRINGS, Contract, match_contract
from impact.contracts_doc import README, meaning, render_contracts, section_of

COMMITTED = PROJECT_ROOT / "data" / "demo"
SHARED_ODS = PROJECT_ROOT.parent / "shared" / "data" / "ods"


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _type_ok(kind: str, text: str) -> bool:
    try:
        if kind == "DATE":
            date.fromisoformat(text)
        elif kind == "DOUBLE":
            float(text)
        elif kind == "INTEGER":
            int(text)
        elif kind == "BOOLEAN":
            return text.lower() in ("true", "false")
    except ValueError:
        return False
    return True


def contract_errors(contract: Contract, rows: list[dict[str, str]]) -> list[str]:
    """Every way ``rows`` break ``contract``: blanks, types, enums, bounds, patterns, keys."""
    errors: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for line, row in enumerate(rows, start=2):
        for col in contract.columns:
            text = (row.get(col.name) or "").strip()
            if text in NULL_STRINGS:
                if col.required:
                    errors.append(f"line {line}: {col.name} is blank")
                continue
            if not _type_ok(col.type, text):
                errors.append(f"line {line}: {col.name}={text!r} is not {col.type}")
                continue
            if col.enum and text not in col.enum:
                errors.append(f"line {line}: {col.name}={text!r} not allowed")
            if col.minimum is not None and float(text) < col.minimum:
                errors.append(f"line {line}: {col.name}={text} below {col.minimum}")
            if col.maximum is not None and float(text) > col.maximum:
                errors.append(f"line {line}: {col.name}={text} above {col.maximum}")
            if col.pattern and not re.fullmatch(col.pattern, text):
                errors.append(f"line {line}: {col.name}={text!r} breaks {col.pattern}")
        key = tuple((row.get(k) or "").strip() for k in contract.key)
        if key in seen:
            errors.append(f"line {line}: duplicate key {key}")
        seen.add(key)
    return errors


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    demo.generate(out)
    return out


@pytest.fixture(scope="module")
def tables(fresh: Path) -> dict[str, list[dict[str, str]]]:
    return {p.stem: read_csv(p)[1] for p in sorted(fresh.glob("*.csv"))}


@pytest.fixture(scope="module")
def series(tables: dict[str, list[dict[str, str]]]) -> dict[tuple[str, str], np.ndarray]:
    """(metric, org) → values in period order."""
    out: dict[tuple[str, str], list[tuple[str, float]]] = defaultdict(list)
    for r in tables["observations"]:
        out[(r["metric_id"], r["org_code"])].append((r["period_start"], float(r["value"])))
    return {k: np.array([v for _, v in sorted(pts)]) for k, pts in out.items()}


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def test_generation_is_deterministic(tmp_path: Path) -> None:
    demo.generate(tmp_path / "a")
    demo.generate(tmp_path / "b")
    first, second = _bytes(tmp_path / "a"), _bytes(tmp_path / "b")
    assert first and first == second


def test_committed_demo_equals_a_fresh_generation(fresh: Path) -> None:
    committed, generated = _bytes(COMMITTED), _bytes(fresh)
    assert sorted(committed) == sorted(generated), "run: python -m impact demo"
    stale = [name for name in generated if committed[name] != generated[name]]
    assert not stale, f"data/demo is out of date ({stale}); run: python -m impact demo"


def test_writing_leaves_no_temporary_files(fresh: Path) -> None:
    assert sorted(p.name for p in fresh.iterdir()) == sorted(demo.build())


def test_demo_command_writes_to_out(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    demo_cli.add_arguments(parser)
    assert parser.parse_args([]).out == COMMITTED
    assert demo_cli.run(parser.parse_args(["--out", str(tmp_path)])) == 0
    assert _bytes(tmp_path) == _bytes(COMMITTED)


def test_every_file_matches_its_contract_by_header(fresh: Path) -> None:
    for file_name, (contract_name, _) in demo.build().items():
        header, _ = read_csv(fresh / file_name)
        matched = match_contract(header)
        assert matched is not None and matched.name == contract_name, file_name


def test_every_value_is_valid_for_its_contract(fresh: Path) -> None:
    for file_name, (contract_name, _) in demo.build().items():
        _, rows = read_csv(fresh / file_name)
        assert rows, file_name
        assert contract_errors(CONTRACTS[contract_name], rows) == [], file_name


def test_the_validator_catches_bad_rows() -> None:
    good = {"org_code": "XRA01", "assessment_date": "2025-03-27", "component": "people_and_culture",
            "score": "3", "evidence": ""}  # fmt: skip
    bad = [good, dict(good), good | {"org_code": "XRA02", "score": "6"},
           good | {"org_code": "XRA03", "component": "vision"},
           good | {"org_code": "XRA04", "assessment_date": "27/03/2025"}]  # fmt: skip
    errors = contract_errors(CONTRACTS["self_assessment"], bad)
    assert [e.split(":")[0] for e in errors] == ["line 3", "line 4", "line 5", "line 6"]


def test_organisations_are_fictional_and_walkable(tables: dict) -> None:
    orgs = {r["org_code"]: r for r in tables["organisations"]}
    assert all(r["org_name"].startswith("Demo ") for r in orgs.values())
    by_type = defaultdict(list)
    for r in orgs.values():
        by_type[r["org_type"]].append(r["org_code"])
    assert len(by_type["region"]) == 1 and len(by_type["icb"]) == 2
    assert len(by_type["trust"]) == 8 and len(by_type["pcn"]) >= 4
    (region,) = by_type["region"]
    assert orgs[region]["parent_code"] == ""
    for code in by_type["trust"] + by_type["pcn"]:
        icb = orgs[code]["parent_code"]
        assert orgs[icb]["org_type"] == "icb" and orgs[icb]["parent_code"] == region
    for icb in by_type["icb"]:
        assert {orgs[c]["org_type"] for c in orgs if orgs[c]["parent_code"] == icb} == {
            "trust",
            "pcn",
        }


def test_demo_codes_are_not_real_ods_codes(tables: dict) -> None:
    if not SHARED_ODS.is_dir():
        pytest.skip("the shared ODS reference files (../shared/data/ods) are not present")
    real: set[str] = set()
    for path in SHARED_ODS.glob("*.csv"):
        for row in read_csv(path)[1]:
            real |= {v.strip() for k, v in row.items() if k and k.endswith("code") and v}
    assert real, "no codes read from the ODS files"
    assert not {r["org_code"] for r in tables["organisations"]} & real


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


def _split(values: np.ndarray, when: date) -> tuple[np.ndarray, np.ndarray]:
    i = [p for p in demo.months()].index(when)
    return values[:i], values[i:]


def test_improved_trust_steps_up_after_its_project_began(tables: dict, series: dict) -> None:
    project = next(p for p in tables["projects"] if p["project_id"] == "P-XRA03-001")
    assert project["org_code"] == demo.IMPROVED and project["metric_id"] == "ae_4hr_all"
    assert project["start_date"][:7] == demo.IMPROVED_FROM.isoformat()[:7]
    before, after = _split(series[("ae_4hr_all", demo.IMPROVED)], demo.IMPROVED_FROM)
    assert len(before) >= 12 and len(after) >= 12
    assert after.mean() - before.mean() > 5
    # the gain clears the "before" process: most later points above its upper limit
    assert (after > _xmr(before)[2]).mean() > 0.5


def test_deteriorated_trust_has_more_long_waits(series: dict) -> None:
    before, after = _split(series[("ae_12hr_dta", demo.DETERIORATED)], demo.DETERIORATED_FROM)
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


def test_rebase_event_marks_a_real_process_change(tables: dict, series: dict) -> None:
    rebases = [e for e in tables["events"] if e["rebase"] == "true"]
    assert [(e["metric_id"], e["org_code"], e["event_date"]) for e in rebases] == [
        ("dm01_6wk_pct", demo.REBASED, demo.REBASED_FROM.isoformat())
    ]
    before, after = _split(series[("dm01_6wk_pct", demo.REBASED)], demo.REBASED_FROM)
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


def test_improvement_portfolio_covers_the_cases_the_pages_handle(tables: dict) -> None:
    projects = tables["projects"]
    assert 18 <= len(projects) <= 25
    assert {p["status"] for p in projects} == set(CONTRACTS["projects"].column("status").enum)
    assert {p["priority"] for p in projects} >= {"elective", "uec", "primary_care"}
    assert len({p["method"] for p in projects}) >= 4
    assert any(p["metric_id"] == "" for p in projects)
    months_after = {
        p["project_id"]: (demo.END_MONTH.year - int(p["start_date"][:4])) * 12
        + demo.END_MONTH.month
        - int(p["start_date"][5:7])
        + 1
        for p in projects
        if p["status"] == "active"
    }
    assert min(months_after.values()) < 12 <= max(months_after.values())
    cycles = tables["pdsa_cycles"]
    ids = {p["project_id"] for p in projects}
    assert {c["project_id"] for c in cycles} <= ids
    assert {c["decision"] for c in cycles} == {"adopt", "adapt", "abandon"}
    by_project = defaultdict(list)
    for c in cycles:
        by_project[c["project_id"]].append(int(c["cycle_number"]))
    assert all(n == list(range(1, len(n) + 1)) for n in by_project.values())
    assert not any(p["project_id"] in by_project for p in projects if p["status"] == "planned")


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


def test_demo_files_are_small() -> None:
    assert sum(p.stat().st_size for p in COMMITTED.glob("*.csv")) < 5_000_000


def test_data_readme_documents_the_current_contracts() -> None:
    section = section_of(README.read_text(encoding="utf-8"))
    assert section == render_contracts(), "run: python -m impact.contracts_doc"
    for contract in CONTRACTS.values():
        assert f"### `{contract.name}`" in section
        for col in contract.columns:
            assert meaning(contract, col), f"{contract.name}.{col.name} has no meaning"


def test_check_command_accepts_the_demo() -> None:
    if importlib.util.find_spec("impact.store") is None:
        pytest.skip("impact.store does not exist yet")
    if not (PROJECT_ROOT / "impact" / "cli" / "check.py").exists():
        pytest.skip("the check command does not exist yet")
    done = subprocess.run(
        [sys.executable, "-m", "impact", "check", str(COMMITTED)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
