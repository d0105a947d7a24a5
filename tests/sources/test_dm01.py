"""DM01 reader against the six real provider workbooks: England is the file's own Total row,
a region and three trusts equal figures computed here straight from the sheet, and a workbook
in a bad shape is refused with a message naming the sheet, row and column."""

from __future__ import annotations

import functools
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
from python_calamine import CalamineWorkbook

from impact.sources import dm01, match_reader
from impact.sources.regions import REGIONS
from impact.sources.workbook import OLE2_MAGIC, WorkbookError, sheet_names
from tests.conftest import shared_path
from tests.sources.xlsx import write_xlsx

MONTHS = ("August-2024", "September-2024", "October-2024", "November-2024", "December-2024",
          "January-2025")  # fmt: skip
TRUSTS = ("RRK", "RF4", "RJ1")  # Birmingham, Barking Havering and Redbridge, Guy's


def workbook(month: str) -> Path:
    name = f"Monthly-Diagnostics-Web-File-Provider-{month}.xls"
    return shared_path("data", "nhs-england", "dm01", name)


@functools.cache
def sheet_rows(path: Path) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Provider").to_python()


def independent(path: Path) -> dict[tuple[str, str], float]:
    """England (the Total row), Midlands (Y60, summed) and three trusts, from the raw cells."""
    rows = sheet_rows(path)
    at = next(i for i, r in enumerate(rows) if "Provider Code" in r)
    col = {name: i for i, name in enumerate(rows[at])}
    wl, six, thirteen = (col[c] for c in ("Total Waiting List", "Number waiting 6+ Weeks",
                                          "Number waiting 13+ Weeks"))  # fmt: skip
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for row in rows[at + 1 :]:
        code = row[col["Provider Code"]]
        key = "ENG" if row[col["Provider Name"]] == "Total" and not code else code
        if key in ("ENG", *TRUSTS):
            sums[key] = [row[wl], row[six], row[thirteen]]
        if code and row[col["Regional Team Code"]] == "Y60":
            for i, c in enumerate((wl, six, thirteen)):
                sums["Y60"][i] += row[c]
    out = {}
    for org, (total, over6, over13) in sums.items():
        out[("dm01_6wk_pct", org)] = 100 * over6 / total
        out[("dm01_waiting_list", org)] = total
        out[("dm01_13wk", org)] = over13
    return out


@functools.cache
def observations(path: Path) -> dict[tuple[str, str], tuple]:
    rel = dm01.READER.outputs(duckdb.connect(), path)["observations"]
    return {(r[0], r[1]): r for r in rel.fetchall()}


@pytest.mark.parametrize("month", MONTHS)
def test_england_region_and_trusts_equal_the_sheet(month: str) -> None:
    path = workbook(month)
    got = observations(path)
    expected = independent(path)
    assert len(expected) == 3 * 5
    for key, value in expected.items():
        assert got[key][3] == pytest.approx(value, rel=1e-12), key
    period = datetime.strptime(month, "%B-%Y").date()
    assert {r[2] for r in got.values()} == {period}


@pytest.mark.parametrize("month", MONTHS)
def test_england_is_the_files_own_total_row_and_the_sum_of_its_providers(month: str) -> None:
    path = workbook(month)
    rows = sheet_rows(path)
    at = next(i for i, r in enumerate(rows) if "Provider Code" in r)
    total = next(r for r in rows[at + 1 :] if r[3] == "Total")
    got = observations(path)
    assert got[("dm01_6wk_pct", "ENG")][3] == pytest.approx(100 * total[7])  # the file's own %
    regions = [v for (m, org), v in got.items() if m == "dm01_waiting_list" and org in REGIONS]
    assert len(regions) == 7
    assert sum(r[3] for r in regions) == got[("dm01_waiting_list", "ENG")][3]


def test_the_workbook_is_recognised_by_its_sheets_and_the_revised_edition_ranks_higher() -> None:
    path = workbook("January-2025")
    sheets = CalamineWorkbook.from_path(str(path)).sheet_names
    assert match_reader(sheets, form="workbook") is dm01.READER
    assert match_reader(sheets) is None  # not a CSV reader's business
    assert dm01.READER.priority(path) == -2  # "Revised: 10th July 2025"


def test_organisations_put_providers_under_their_region() -> None:
    rel = dm01.READER.outputs(duckdb.connect(), workbook("January-2025"))["organisations"]
    orgs = {r[0]: r for r in rel.fetchall()}
    assert orgs["RRK"][1:4] == (
        "University Hospitals Birmingham NHS Foundation Trust", "trust", "Y60"
    )  # fmt: skip
    assert orgs["Y60"][1:4] == ("NHS England Midlands", "region", "ENG")
    assert orgs["ENG"][2] == "nation"


def _provider_sheet(title_rows: int = 13) -> list[list]:
    """A small DM01 Provider sheet: the title block, the header, Total and two providers."""
    header = [
        "Regional Team Code",
        "Regional Team Name",
        "Provider Code",
        "Provider Name",
        "Total Waiting List",
        "Number waiting 6+ Weeks",
        "Number waiting 13+ Weeks",
    ]
    title = [["Title:", "Monthly Diagnostics"], ["Period:", "March 2025"]]
    title += [[]] * (title_rows - len(title))
    return [
        *title,
        header,
        [None, None, None, "Total", 300, 30, 3],
        ["Y60", "Midlands", "RRK", "UNIVERSITY HOSPITALS BIRMINGHAM NHS FT", 200, 20, 2],
        ["Y56", "London", "RF4", "BARKING NHS TRUST", 100, 10, 1],
    ]


@pytest.mark.parametrize("title_rows", [13, 15, 30])
def test_an_xlsx_with_the_header_moved_down_reads_the_same(tmp_path: Path, title_rows) -> None:
    path = write_xlsx(tmp_path / "dm01.xlsx", {"Provider": _provider_sheet(title_rows)})
    got = observations(path)
    assert got[("dm01_6wk_pct", "ENG")][2:6] == (date(2025, 3, 1), 10.0, 30, 300)
    assert got[("dm01_waiting_list", "Y60")][3] == 200
    assert got[("dm01_13wk", "RF4")][3:] == (1, None, None, title_rows + 4)


def _renamed_header() -> list[list]:
    rows = _provider_sheet()
    rows[13] = [c.replace("6+", "six") for c in rows[13]]
    return rows


@pytest.mark.parametrize(
    ("sheets", "message"),
    [
        (
            {"Provider by Test": _provider_sheet()},
            "no sheet 'Provider' \\(its sheets: 'Provider by Test'\\)",
        ),
        (
            {"Provider": _renamed_header()},
            "sheet 'Provider': no header row .* row 14, lacks column\\(s\\) 'number waiting 6",
        ),
        ({"Provider": _provider_sheet(45)}, "sheet 'Provider': no header row in its first 40 rows"),
        ({"Provider": _provider_sheet()[:14]}, "sheet 'Provider' has no rows below its header"),
    ],
    ids=["missing sheet", "renamed column", "header too far down", "no rows"],
)
def test_a_workbook_in_the_wrong_shape_is_refused_by_sheet_row_and_column(
    tmp_path: Path, sheets: dict, message: str
) -> None:
    path = write_xlsx(tmp_path / "dm01.xlsx", sheets)
    assert match_reader(list(sheets), form="workbook") is dm01.READER
    with pytest.raises(WorkbookError, match=message):
        dm01.READER.outputs(duckdb.connect(), path)


def _truncated(tmp_path: Path) -> Path:
    path = tmp_path / "truncated.xls"
    path.write_bytes(workbook("January-2025").read_bytes()[:20000])
    return path


def _encrypted(tmp_path: Path) -> Path:
    # What Office writes for a password-protected .xlsx: an OLE2 compound file whose
    # directory names an "EncryptedPackage" stream (a stand-in holding just those marks).
    path = tmp_path / "protected.xlsx"
    body = OLE2_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(4096)
    path.write_bytes(body)
    return path


def _not_a_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "notes.xls"
    path.write_bytes(b"these are not the figures you are looking for\n" * 50)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_truncated, "cannot be read \\(it may be damaged\\)"),
        (_encrypted, "password-protected; save it without a password"),
        (_not_a_workbook, "cannot be read \\(it may be damaged\\)"),
    ],
    ids=["truncated", "password-protected", "not a workbook"],
)
def test_a_damaged_or_protected_workbook_is_refused_in_plain_words(tmp_path, make, message):
    with pytest.raises(WorkbookError, match=message):
        sheet_names(make(tmp_path))
