"""The rerun timing hook: one line per run in the server log when asked for, else nothing."""

from __future__ import annotations

import pytest

from impact.ui import timing


def _run(page: str, *, fail: bool = False) -> None:
    with timing.logged(timing.start(), page):
        if fail:
            raise RuntimeError("stopped early")


def test_each_run_writes_one_line_that_reads_back(monkeypatch, capsys) -> None:
    monkeypatch.setenv(timing.ENV, "1")
    _run("Urgent & emergency care")
    _run("Board overview")
    err = capsys.readouterr().err
    times = timing.read_times(err)
    assert [page for page, _ in times] == ["urgent-emergency-care", "board-overview"]
    assert all(0 <= seconds < 60 for _, seconds in times)


def test_a_run_stopped_early_is_timed_too(monkeypatch, capsys) -> None:
    monkeypatch.setenv(timing.ENV, "1")
    with pytest.raises(RuntimeError):
        _run("Data", fail=True)
    assert [page for page, _ in timing.read_times(capsys.readouterr().err)] == ["data"]


def test_nothing_is_written_unless_asked_for(monkeypatch, capsys) -> None:
    monkeypatch.delenv(timing.ENV, raising=False)
    _run("Data")
    monkeypatch.setenv(timing.ENV, "0")
    _run("Data")
    assert timing.read_times(capsys.readouterr().err) == []


def test_read_times_ignores_other_log_lines() -> None:
    log = "INFO something\nimpact-timing rerun page=data seconds=0.125\nTraceback (most recent\n"
    assert timing.read_times(log) == [("data", 0.125)]
