"""The one atomic write: the target is whole or untouched, never half written."""

from __future__ import annotations

import os
import stat

import pytest

from impact.atomic import AlreadyExists, atomic_target, write_atomic


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_text_and_bytes(tmp_path) -> None:
    target = tmp_path / "sub" / "a.csv"
    write_atomic(target, "a,b\r\n1,2\n")
    assert target.read_bytes() == b"a,b\r\n1,2\n"
    write_atomic(target, b"\x00\x01", fsync=True)
    assert target.read_bytes() == b"\x00\x01"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert _leftovers(target.parent) == []


def test_a_failure_leaves_the_old_file_and_no_temporary(tmp_path) -> None:
    target = tmp_path / "a.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_target(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("killed mid-write")
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == []


def test_the_temporary_is_hidden_beside_the_target(tmp_path) -> None:
    target = tmp_path / "a.csv"
    with atomic_target(target) as tmp:
        assert tmp.parent == tmp_path
        assert tmp.name.startswith(".a.csv.") and tmp.name.endswith(".tmp")
        assert not target.exists()
        tmp.write_text("new")
    assert target.read_text() == "new"


def test_a_tool_that_writes_the_path_itself(tmp_path) -> None:
    target = tmp_path / "a.parquet"
    with atomic_target(target) as tmp:
        os.unlink(tmp)  # a tool such as DuckDB's COPY creates the file itself
        tmp.write_bytes(b"PAR1")
    assert target.read_bytes() == b"PAR1"


def test_no_overwrite_refuses_an_existing_file(tmp_path) -> None:
    target = tmp_path / "a.csv"
    write_atomic(target, "first", overwrite=False)
    with pytest.raises(AlreadyExists) as caught:
        write_atomic(target, "second", overwrite=False)
    assert caught.value.path == target
    assert "a.csv already exists" in str(caught.value)
    assert target.read_text() == "first"
    assert _leftovers(tmp_path) == []
