"""The line each row came from: past blank lines, values over two lines, rejected rows."""

from __future__ import annotations

from pathlib import Path

from impact.ingest.lines import good_record_lines, line_finder
from tests.extracts import write


def test_records_start_on_their_physical_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", 'a,b\n1,2\n\n3,"x\ny"\n4,5\r\n6,7\n')
    assert good_record_lines(path, []) == [2, 4, 6, 7]
    assert good_record_lines(path, [4]) == [2, 6, 7]


def test_line_finder_is_exact_when_the_counts_agree(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "a,b\n1,2\n\n3,4\n")
    line_of = line_finder(path, rows=2, rejected=[])
    assert [line_of(0), line_of(1)] == [2, 4]


def test_line_finder_walks_past_rejected_lines_when_counts_disagree(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "a,b\n1,2\n3,4\n5,6\n7,8\n")
    line_of = line_finder(path, rows=2, rejected=[3, 4])  # DuckDB saw fewer records
    assert [line_of(0), line_of(1)] == [2, 5]
