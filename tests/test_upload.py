"""Upload safety: sanitised names, size limit, atomic save, no silent overwrite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from impact import upload
from impact.upload import AlreadyExists, UploadRejected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("observations.csv", "observations.csv"),
        ("../../evil.csv", "evil.csv"),
        ("/etc/cron.d/evil.csv", "evil.csv"),
        ("C:\\Users\\analyst\\My Extracts\\a&e march.csv", "a_e_march.csv"),
        (".hidden.csv", "hidden.csv"),
        ("...csv.csv", "csv.csv"),
        ("Obs 2025-03.CSV", "Obs_2025-03.csv"),
        ("Café–données.csv", "Cafe_donnees.csv"),
        ("con.csv", "con_file.csv"),
        ("x" * 300 + ".csv", "x" * 116 + ".csv"),
    ],
)
def test_sanitise_filename_keeps_only_a_plain_csv_name(raw: str, expected: str) -> None:
    assert upload.sanitise_filename(raw) == expected


@pytest.mark.parametrize(
    "raw", ["evil.sh", "data.csv.exe", "notes.txt", "csv", "../..", ".csv", "../.csv"]
)
def test_sanitise_filename_rejects_what_is_not_a_named_csv(raw: str) -> None:
    with pytest.raises(UploadRejected):
        upload.sanitise_filename(raw)


def test_size_limit_comes_from_the_environment_and_says_how_big(monkeypatch) -> None:
    monkeypatch.setenv("IMPACT_MAX_UPLOAD_MB", "1")
    upload.check_size(1024 * 1024)
    with pytest.raises(UploadRejected, match=r"2\.0 MB.*limited to 1 MB"):
        upload.check_size(2 * 1024 * 1024)
    monkeypatch.delenv("IMPACT_MAX_UPLOAD_MB")
    assert upload.size_limit_bytes() == 200 * 1024 * 1024


def test_save_writes_inside_the_data_folder_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = upload.save_atomically(b"a,b\n1,2\n", data, "../../evil.csv")
    assert result.path == (data / "evil.csv").resolve()
    assert result.path.read_bytes() == b"a,b\n1,2\n"
    assert not (tmp_path / "evil.csv").exists()
    assert sorted(p.name for p in data.iterdir()) == ["evil.csv"]  # no temp file left


def test_save_never_overwrites_without_confirmation(tmp_path: Path) -> None:
    upload.save_atomically(b"old\n", tmp_path, "x.csv")
    with pytest.raises(AlreadyExists):
        upload.save_atomically(b"new\n", tmp_path, "x.csv")
    assert (tmp_path / "x.csv").read_bytes() == b"old\n"
    result = upload.save_atomically(b"new\n", tmp_path, "x.csv", overwrite=True)
    assert result.replaced
    assert (tmp_path / "x.csv").read_bytes() == b"new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv"]


def test_save_refuses_a_symlink_that_points_outside(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    outside = tmp_path / "outside.csv"
    outside.write_text("precious\n")
    (data / "link.csv").symlink_to(outside)
    with pytest.raises(UploadRejected, match="outside the data folder"):
        upload.save_atomically(b"x\n", data, "link.csv", overwrite=True)
    assert outside.read_text() == "precious\n"


def test_a_failed_write_leaves_no_partial_file(tmp_path: Path, monkeypatch) -> None:
    def boom(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError, match="disk full"):
        upload.save_atomically(b"a,b\n", tmp_path, "x.csv")
    assert list(tmp_path.iterdir()) == []


def test_scratch_folder_is_outside_the_data_folder_and_removed(tmp_path: Path) -> None:
    seen: list[Path] = []

    def check(path: Path) -> str:
        seen.append(path)
        assert path.read_bytes() == b"a\n"
        return "checked"

    assert upload.in_scratch_folder(b"a\n", "../x.csv", check) == "checked"
    assert seen[0].name == "x.csv"
    assert not seen[0].exists()
    assert tmp_path not in seen[0].parents
