"""Findings never reveal where the server keeps its files."""

from pathlib import Path

from impact.fingerprint import FileStat
from impact.ingest import without_paths


def test_a_duckdb_message_names_the_file_not_its_server_path(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "obs.csv"
    path.parent.mkdir()
    path.write_text("x\n")
    stat = FileStat(rel="sub/obs.csv", path=path, size=2, mtime_ns=0)
    message = f'Invalid Input Error: Error when sniffing file "{path}": bad quote'
    cleaned = without_paths(message, stat)
    assert str(tmp_path) not in cleaned
    assert '"sub/obs.csv"' in cleaned
