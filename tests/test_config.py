"""Where the data and the cache live, and the upload limit, from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from impact import PROJECT_ROOT, config


def test_folders_come_from_the_override_then_the_environment_then_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("IMPACT_DATA_DIR", raising=False)
    monkeypatch.delenv("IMPACT_CACHE_DIR", raising=False)
    assert config.data_dir() == (PROJECT_ROOT / "data").resolve()
    assert config.cache_dir() == (PROJECT_ROOT / ".cache").resolve()
    monkeypatch.setenv("IMPACT_DATA_DIR", str(tmp_path / "env"))
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(tmp_path / "cache"))
    assert config.data_dir() == tmp_path / "env"
    assert config.cache_dir() == tmp_path / "cache"
    assert config.data_dir(tmp_path / "cli") == tmp_path / "cli"
    assert config.cache_dir(str(tmp_path / "x")) == tmp_path / "x"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", 200), ("50", 50.0), ("0.5", 0.5), ("0", 200), ("-3", 200), ("lots", 200)],
)
def test_the_upload_limit_falls_back_to_the_default_when_unusable(
    raw: str, expected: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMPACT_MAX_UPLOAD_MB", raw)
    assert config.max_upload_mb() == expected
