"""The Data page takes NHS England's files in the forms they are published: a DM01 workbook
and an RTT zip are checked in a scratch folder and saved only when clean; a zip bomb is not.

Each test runs the page on its own copy of the demo data, so nothing touches the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from impact import PROJECT_ROOT
from tests.conftest import shared_path
from tests.sources.test_zipped import make_zip
from tests.test_upload import RTT_SAMPLE

PAGE = str(PROJECT_ROOT / "views" / "data.py")
SAVE = "Save to the data folder"


def _uploaded(name: str, content: bytes, mime: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    at.file_uploader(key=at.file_uploader[0].key).set_value((name, content, mime))
    at.run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    kinds = ("markdown", "info", "error", "warning", "success")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def test_the_uploader_offers_csv_workbooks_and_zips(demo_copy: Path) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert list(at.file_uploader[0].proto.type) == [".csv", ".xls", ".xlsx", ".zip"]


def test_an_rtt_zip_is_checked_and_saved_as_uploaded(demo_copy: Path, tmp_path: Path) -> None:
    zipped = make_zip(tmp_path / "z.zip", {"20250331-RTT-March-2025.csv": RTT_SAMPLE.read_bytes()})
    at = _uploaded("RTT-March-2025.zip", zipped.read_bytes(), "application/zip")
    assert "Matched: **rtt → observations, organisations**; rows read 63" in _texts(at)
    assert not (demo_copy / "RTT-March-2025.zip").exists()  # nothing saved before the click
    next(b for b in at.button if b.label == SAVE).click()
    at.run()
    assert not at.exception, at.exception
    assert (demo_copy / "RTT-March-2025.zip").read_bytes() == zipped.read_bytes()
    assert "`RTT-March-2025.zip` saved" in _texts(at)


def test_a_dm01_workbook_is_checked_before_saving(demo_copy: Path) -> None:
    xls = shared_path(
        "data", "nhs-england", "dm01", "Monthly-Diagnostics-Web-File-Provider-January-2025.xls"
    )
    at = _uploaded(xls.name, xls.read_bytes(), "application/vnd.ms-excel")
    assert "Matched: **dm01 → observations, organisations**" in _texts(at)
    assert "Periods 2025-01-01" in _texts(at)
    assert [b for b in at.button if b.label == SAVE]


def test_a_zip_bomb_is_not_saved(
    demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMPACT_MAX_UPLOAD_MB", "1")
    bomb = make_zip(tmp_path / "bomb.zip", {"big.csv": b"0" * (3 * 2**20)})
    at = _uploaded("bomb.zip", bomb.read_bytes(), "application/zip")
    assert "big.csv expands to more than" in _texts(at)
    assert not [b for b in at.button if b.label == SAVE]
    assert not (demo_copy / "bomb.zip").exists()
