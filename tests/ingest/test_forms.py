"""Files in other forms than CSV, told by their content: an Excel workbook goes to the workbook
readers, a zip's one CSV is read like any CSV, and each bad form is refused in plain words
naming the file (and the sheet, row and column where there is one) while other files load."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from impact.ingest import FILE_REJECTED, NOT_RECOGNISED, OK, ingest_file
from impact.ingest.forms import CSV, WORKBOOK, ZIP, form_of
from tests.conftest import shared_path
from tests.extracts import OBS_HEADER
from tests.ingest.conftest import stat_of
from tests.sources.xlsx import write_xlsx


def read(con, tmp_path: Path, path: Path):
    return ingest_file(con, stat_of(path, path.name), tmp_path / "cache")


def zipped(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_the_form_is_told_by_content_not_by_name(tmp_path: Path) -> None:
    xlsx = write_xlsx(tmp_path / "looks-like.zip", {"Sheet1": [["a"]]})
    archive = zipped(tmp_path / "book.xlsx", {"a.csv": b"a\n1\n"})
    text = tmp_path / "x.xls"
    text.write_text("a,b\n1,2\n")
    assert [form_of(p) for p in (xlsx, archive, text)] == [WORKBOOK, ZIP, CSV]


def test_a_real_dm01_workbook_is_read_and_a_zipped_extract_is_read_as_its_csv(
    con, tmp_path: Path
) -> None:
    dm01 = shared_path(
        "data", "nhs-england", "dm01", "Monthly-Diagnostics-Web-File-Provider-January-2025.xls"
    )
    result = read(con, tmp_path, dm01)
    assert (result.report.status, result.report.reader) == (OK, "dm01")
    assert result.report.first_period == "2025-01-01" and result.priority == -2
    body = (OBS_HEADER + "m,T01,2025-01-01,1,,\n").encode()
    own = read(con, tmp_path, zipped(tmp_path / "mine.zip", {"observations.csv": body}))
    assert (own.report.status, own.report.contract, own.report.rows_read) == (
        OK,
        "observations",
        1,
    )
    assert [p.name for p in (tmp_path / "cache").iterdir() if p.name.startswith(".")] == []


def _bad_workbooks(tmp_path: Path) -> list[tuple[Path, str, str]]:
    header = ["Regional Team Code", "Provider Code", "Provider Name", "Total Waiting List",
              "Number waiting 6+ Weeks", "Number waiting 13+ Weeks"]  # fmt: skip
    moved = [["Period:", "March 2025"], [], ["Provider Code", "Provider Name"], header[:3]]
    corrupt = tmp_path / "corrupt.xls"
    corrupt.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    return [
        (write_xlsx(tmp_path / "a.xlsx", {"Provider by Test": [header]}), FILE_REJECTED,
         "no sheet 'Provider' (its sheets: 'Provider by Test')"),
        (write_xlsx(tmp_path / "b.xlsx", {"Provider": moved}), FILE_REJECTED,
         "sheet 'Provider': no header row in its first 40 rows; the nearest, row 4, lacks"),
        (write_xlsx(tmp_path / "c.xlsx", {"Budget": [["a"]]}), NOT_RECOGNISED,
         "the workbook's sheets ('Budget') match no publication"),
        (corrupt, FILE_REJECTED, "the workbook cannot be read (it may be damaged)"),
    ]  # fmt: skip


def _bad_zips(tmp_path: Path) -> list[tuple[Path, str, str]]:
    return [
        (zipped(tmp_path / "two.zip", {"a.csv": b"a\n", "b.csv": b"b\n"}), FILE_REJECTED,
         "the zip holds 2 CSV files (a.csv, b.csv)"),
        (zipped(tmp_path / "none.zip", {"notes.txt": b"hi"}), FILE_REJECTED,
         "the zip holds no CSV file"),
        (zipped(tmp_path / "bomb.zip", {"big.csv": b"0" * (3 * 2**20)}), FILE_REJECTED,
         "big.csv expands to more than 3 MB (the limit, IMPACT_MAX_UPLOAD_MB, is 1 MB)"),
    ]  # fmt: skip


@pytest.mark.parametrize("kind", ["workbooks", "zips"])
def test_each_bad_form_is_refused_by_name_and_the_good_file_beside_it_still_loads(
    con, tmp_path: Path, monkeypatch, kind: str
) -> None:
    monkeypatch.setenv("IMPACT_MAX_UPLOAD_MB", "1")
    cases = _bad_workbooks(tmp_path) if kind == "workbooks" else _bad_zips(tmp_path)
    for path, status, message in cases:
        result = read(con, tmp_path, path)
        assert result.report.status == status, path.name
        assert message in result.report.message, (path.name, result.report.message)
        assert result.report.path == path.name and result.outputs == {}
    good = tmp_path / "obs.csv"
    good.write_text(OBS_HEADER + "m,T01,2025-01-01,1,,\n")
    assert read(con, tmp_path, good).report.status == OK


def test_an_ambsys_file_missing_a_code_column_is_refused_naming_it(con, tmp_path: Path):
    source = shared_path("data", "nhs-england", "ambsys", "AmbSYS-to-Mar-2026-UI7FG.csv")
    lines = source.read_text(encoding="utf-8-sig").splitlines()[:30]
    cells = [line.split(",") for line in lines]
    at = cells[0].index("A31")
    path = tmp_path / "ambsys.csv"
    path.write_text("\n".join(",".join(c[:at] + c[at + 1 :]) for c in cells) + "\n")
    result = read(con, tmp_path, path)
    assert result.report.status == FILE_REJECTED
    assert "no column A31 (Category 2 mean response time, seconds)" in result.report.message
