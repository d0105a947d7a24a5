"""A file that moved while read is noticed: gone, grown, or touched."""

from __future__ import annotations

import os
from pathlib import Path

from impact.ingest import FileStat, stat_changed
from tests.extracts import write


def test_a_file_changed_or_removed_since_it_was_listed_is_noticed(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "a\n1\n")
    st = path.stat()
    stat = FileStat("a.csv", path, st.st_size, st.st_mtime_ns)
    assert not stat_changed(stat)
    os.utime(path, ns=(st.st_mtime_ns + 10**9, st.st_mtime_ns + 10**9))
    assert stat_changed(stat)
    path.unlink()
    assert stat_changed(stat)
