"""Pause points cost nothing unless named; a named one is exercised by tests/reliability."""

from __future__ import annotations

from impact import pause


def test_an_unnamed_or_other_point_returns_at_once(monkeypatch, tmp_path) -> None:
    flag = tmp_path / "reached"
    monkeypatch.setenv(pause.FLAG_ENV, str(flag))
    monkeypatch.delenv(pause.ENV, raising=False)
    pause.pause_point("ingest-parquet")
    monkeypatch.setenv(pause.ENV, "records-commit")
    pause.pause_point("ingest-parquet")
    assert not flag.exists()


def test_every_point_in_the_code_is_listed() -> None:
    from impact import PROJECT_ROOT

    text = "\n".join(p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "impact").rglob("*.py"))
    used = {
        line.split('pause_point("', 1)[1].split('"', 1)[0]
        for line in text.splitlines()
        if 'pause_point("' in line
    }
    assert used == set(pause.POINTS)
