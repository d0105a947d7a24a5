"""A zipped publication: its one CSV is streamed to a temporary file and removed afterwards;
a zip with no CSV, two, a damaged one or one that expands beyond the limit is refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from impact.sources.zipped import ZipProblem, extracted_csv, is_zip


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_the_one_csv_is_unpacked_under_its_own_name_and_then_removed(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "a.zip", {"x/20250331-RTT-revised.csv": b"a,b\n1,2\n", "x/": b""})
    assert is_zip(path) and not is_zip(Path(__file__))
    with extracted_csv(path, tmp_path / "cache") as csv:
        assert csv.name == "20250331-RTT-revised.csv"
        assert csv.read_bytes() == b"a,b\n1,2\n"
    assert not csv.exists()
    assert list((tmp_path / "cache").iterdir()) == []


def _bomb(tmp_path: Path) -> Path:
    return make_zip(tmp_path / "bomb.zip", {"big.csv": b"0" * (3 * 2**20)})


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"readme.txt": b"hi"}, "no CSV file \\(it holds: readme.txt\\)"),
        ({}, "no CSV file \\(it holds: nothing\\)"),
        ({"a.csv": b"a\n", "b.csv": b"b\n"}, "holds 2 CSV files \\(a.csv, b.csv\\)"),
    ],
    ids=["no csv", "empty", "two csvs"],
)
def test_a_zip_without_exactly_one_csv_is_refused(tmp_path: Path, members, message) -> None:
    path = make_zip(tmp_path / "z.zip", members)
    with pytest.raises(ZipProblem, match=message), extracted_csv(path, tmp_path):
        pass


def test_a_zip_that_expands_beyond_the_upload_limit_is_refused(tmp_path, monkeypatch) -> None:
    path = _bomb(tmp_path)
    assert path.stat().st_size < 20_000  # tiny on disk
    monkeypatch.setenv("IMPACT_MAX_UPLOAD_MB", "1")
    expected = "big.csv expands to more than 3 MB .*limit.* is 1 MB"
    with pytest.raises(ZipProblem, match=expected), extracted_csv(path, tmp_path / "cache"):
        pass
    assert list((tmp_path / "cache").iterdir()) == []


def test_a_zip_that_understates_its_size_is_stopped_while_unpacking(tmp_path, monkeypatch):
    path = _bomb(tmp_path)
    data = bytearray(path.read_bytes())
    # Rewrite the declared size in the central directory to 10 bytes (a lying zip).
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    monkeypatch.setenv("IMPACT_MAX_UPLOAD_MB", "1")
    expected = "expands to more than|damaged"
    with pytest.raises(ZipProblem, match=expected), extracted_csv(path, tmp_path / "cache"):
        pass


def test_a_damaged_zip_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "z.zip", {"a.csv": b"a,b\n" + b"1,2\n" * 5000})
    data = bytearray(path.read_bytes())
    data[60:90] = b"\xff" * 30  # inside the compressed data
    path.write_bytes(bytes(data))
    with pytest.raises(ZipProblem, match="damaged"), extracted_csv(path, tmp_path):
        pass
