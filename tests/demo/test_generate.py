"""Generating the demo set: reproducible, committed as generated, valid for every contract."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from impact import PROJECT_ROOT, demo
from impact.contracts import CONTRACTS, match_contract
from impact.contracts.document import README, meaning, render_contracts, section_of
from tests.demo.conftest import COMMITTED, folder_bytes
from tests.demo.contract_check import contract_errors, read_csv


def test_generation_is_deterministic(tmp_path: Path) -> None:
    demo.generate(tmp_path / "a")
    demo.generate(tmp_path / "b")
    first, second = folder_bytes(tmp_path / "a"), folder_bytes(tmp_path / "b")
    assert first and first == second


def test_committed_demo_equals_a_fresh_generation(fresh: Path) -> None:
    committed, generated = folder_bytes(COMMITTED), folder_bytes(fresh)
    assert sorted(committed) == sorted(generated), "run: python -m impact demo"
    stale = [name for name in generated if committed[name] != generated[name]]
    assert not stale, f"data/demo is out of date ({stale}); run: python -m impact demo"


def test_writing_leaves_no_temporary_files(fresh: Path) -> None:
    assert sorted(p.name for p in fresh.iterdir()) == sorted(demo.build())


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


def test_demo_files_are_small() -> None:
    assert sum(p.stat().st_size for p in COMMITTED.glob("*.csv")) < 5_000_000


def test_check_command_accepts_the_demo() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "impact", "check", str(COMMITTED)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_data_readme_documents_the_current_contracts() -> None:
    section = section_of(README.read_text(encoding="utf-8"))
    assert section == render_contracts(), "run: python -m impact.contracts.document"
    for contract in CONTRACTS.values():
        assert f"### `{contract.name}`" in section
        for col in contract.columns:
            assert meaning(contract, col), f"{contract.name}.{col.name} has no meaning"
