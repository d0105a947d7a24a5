"""Upload safety: sanitised names, size limit, atomic save, no silent overwrite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from impact import upload
from impact.ingest.forms import EXTENSIONS
from impact.upload import AlreadyExists, UploadRejected
from tests.conftest import shared_path
from tests.sources.test_zipped import make_zip

#: A stand-in RTT full extract (the published one is 85 MB), as its zip is published.
RTT_SAMPLE = Path(__file__).parent / "sources" / "fixtures" / "rtt_full_extract_sample.csv"


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
        (
            "Monthly-Diagnostics-Web-File-Provider-January-2025.xls",
            "Monthly-Diagnostics-Web-File-Provider-January-2025.xls",
        ),
        ("C:\\Downloads\\DM01 Jan.XLSX", "DM01_Jan.xlsx"),
        (
            "../Full-CSV-data-file-Jan26-ZIP-4M-WL5BiP.ZIP",
            "Full-CSV-data-file-Jan26-ZIP-4M-WL5BiP.zip",
        ),
        ("x" * 300 + ".xlsx", "x" * 115 + ".xlsx"),
    ],
)
def test_sanitise_filename_keeps_only_a_plain_csv_name(raw: str, expected: str) -> None:
    assert upload.sanitise_filename(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "evil.sh",
        "data.csv.exe",
        "notes.txt",
        "csv",
        "../..",
        ".csv",
        "../.csv",
        "rtt.zip.exe",
        ".xls",
        "report.xlsm",
        "extract.tar.gz",
    ],
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


def test_the_uploader_accepts_every_form_the_store_reads() -> None:
    assert upload.ACCEPTED_TYPES == ("csv", "xls", "xlsx", "zip")
    assert tuple(f".{t}" for t in upload.ACCEPTED_TYPES) == EXTENSIONS


def test_a_name_with_no_known_ending_is_refused_naming_the_endings() -> None:
    with pytest.raises(UploadRejected, match=r"Only \.csv, \.xls, \.xlsx or \.zip files"):
        upload.sanitise_filename("notes.txt")


def _validated(data: bytes, name: str, data_dir: Path) -> upload.UploadCheck:
    """Validate as the Data page does, and prove nothing reached the data folder."""
    data_dir.mkdir(exist_ok=True)
    check = upload.validate_upload(data, name)
    assert list(data_dir.iterdir()) == []
    return check


def test_a_published_dm01_workbook_is_recognised_and_can_be_saved(tmp_path: Path) -> None:
    xls = shared_path(
        "data", "nhs-england", "dm01", "Monthly-Diagnostics-Web-File-Provider-January-2025.xls"
    )
    check = _validated(xls.read_bytes(), xls.name, tmp_path / "data")
    assert check.can_save, check.findings
    assert check.report.reader == "dm01"
    assert check.report.first_period == "2025-01-01" and check.report.organisations > 100
    saved = upload.save_atomically(xls.read_bytes(), tmp_path / "data", check.name)
    assert saved.path.read_bytes() == xls.read_bytes()


def test_an_rtt_zip_is_unpacked_in_the_scratch_folder_and_can_be_saved(tmp_path: Path) -> None:
    zipped = make_zip(
        tmp_path / "rtt.zip", {"20250331-RTT-March-2025.csv": RTT_SAMPLE.read_bytes()}
    )
    check = _validated(zipped.read_bytes(), "RTT March 2025.zip", tmp_path / "data")
    assert check.name == "RTT_March_2025.zip"
    assert check.can_save, check.findings
    assert check.report.reader == "rtt" and check.report.rows_read > 0


def test_a_zip_bomb_is_refused_before_anything_is_saved(tmp_path: Path, monkeypatch) -> None:
    bomb = make_zip(tmp_path / "bomb.zip", {"big.csv": b"0" * (3 * 2**20)})
    monkeypatch.setenv("IMPACT_MAX_UPLOAD_MB", "1")
    assert bomb.stat().st_size < 2**20  # within the limit as uploaded
    check = _validated(bomb.read_bytes(), "bomb.zip", tmp_path / "data")
    assert not check.can_save
    assert "big.csv expands to more than" in check.report.message
    assert "IMPACT_MAX_UPLOAD_MB" in check.report.message


def test_an_oversized_zip_is_refused_by_its_own_size(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("IMPACT_MAX_UPLOAD_MB", "1")
    with pytest.raises(UploadRejected, match="limited to 1 MB"):
        upload.validate_upload(b"PK\x03\x04" + os.urandom(2 * 2**20), "big.zip")


@pytest.mark.parametrize(
    ("members", "words"),
    [
        ({"a.csv": b"a,b\n1,2\n", "b.csv": b"a,b\n3,4\n"}, "holds 2 CSV files"),
        ({"readme.txt": b"hello"}, "holds no CSV file"),
    ],
)
def test_a_zip_without_exactly_one_csv_is_refused(tmp_path: Path, members, words) -> None:
    zipped = make_zip(tmp_path / "z.zip", members)
    check = _validated(zipped.read_bytes(), "z.zip", tmp_path / "data")
    assert not check.can_save and words in check.report.message


def test_a_damaged_workbook_is_refused_with_a_reason(tmp_path: Path) -> None:
    xls = shared_path(
        "data", "nhs-england", "dm01", "Monthly-Diagnostics-Web-File-Provider-January-2025.xls"
    )
    truncated = xls.read_bytes()[: 64 * 1024]
    check = _validated(truncated, xls.name, tmp_path / "data")
    assert not check.can_save
    assert "damaged" in check.report.message
