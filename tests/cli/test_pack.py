"""``python -m impact pack``: writes the pack, refuses bad arguments, explains missing Chromium."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from impact import PROJECT_ROOT as ROOT
from impact.__main__ import main
from impact.store import reset_stores
from tests.pack.conftest import copy_demo

ORG = "XRA03"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = copy_demo(tmp_path / "data")
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("IMPACT_DATA_DIR", str(folder))
    reset_stores()
    yield folder
    reset_stores()


def test_writes_a_self_contained_html_pack(data: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out" / "board-pack.html"
    code = main(["pack", "--org", ORG, "--from", "2024-04", "--to", "2025-03", "--out", str(out)])
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Demo Northfield Hospitals NHS Foundation Trust" in html
    assert "Apr 2024 to Mar 2025" in html
    assert 'id="how-to-read"' in html and 'id="data-sources"' in html
    said = capsys.readouterr().out
    assert f"Wrote {out}" in said and "Apr 2024 to Mar 2025" in said
    assert not list(out.parent.glob("*.tmp"))


def test_period_defaults_to_the_latest_36_months(data: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "pack.html"
    assert main(["pack", "--org", ORG, "--out", str(out), "--data", str(data)]) == 0
    said = capsys.readouterr().out
    assert " to " in said and out.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--org", "NOPE"], "pack: unknown organisation 'NOPE': it is not in the data folder"),
        (["--org", ORG, "--from", "2024-13"], "--from '2024-13' is not a month"),
        (["--org", ORG, "--from", "2025-03", "--to", "2024-04"], "starts (2025-03) after"),
    ],
)
def test_bad_arguments_exit_2_with_a_reason(
    data: Path, tmp_path: Path, capsys, extra: list[str], message: str
) -> None:
    out = tmp_path / "pack.html"
    assert main(["pack", *extra, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_output_must_be_html_or_pdf(data: Path, tmp_path: Path, capsys) -> None:
    assert main(["pack", "--org", ORG, "--out", str(tmp_path / "pack.docx")]) == 2
    assert "--out must end in .html or .pdf" in capsys.readouterr().err


def test_pdf_without_chromium_says_what_to_do(
    data: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("IMPACT_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    out = tmp_path / "pack.pdf"
    assert main(["pack", "--org", ORG, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "PDF board packs need Chromium" in err and "apt-get install chromium" in err
    assert not out.exists()


def test_a_wrong_impact_chromium_is_named(
    data: Path, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMPACT_CHROMIUM", str(tmp_path / "no-such-browser"))
    assert main(["pack", "--org", ORG, "--out", str(tmp_path / "pack.pdf")]) == 1
    assert "IMPACT_CHROMIUM is set to" in capsys.readouterr().err


def test_command_is_listed_by_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "impact", "pack", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert "--org" in result.stdout and "--out" in result.stdout and "--data" in result.stdout
