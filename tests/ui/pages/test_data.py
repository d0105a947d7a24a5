"""The Data page in AppTest: inventory, findings, and every upload path on a copy of the demo.

Each test runs the page against its own copy of ``data/demo`` (``IMPACT_DATA_DIR``) with
its own ingest cache (``IMPACT_CACHE_DIR``), so uploads never touch the repository.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from impact import PROJECT_ROOT
from impact.calendar import add_months, month_short
from tests.ui.apps import OBS_HEADER, dashboard, demo_row

DEMO = PROJECT_ROOT / "data" / "demo"
PAGE = str(PROJECT_ROOT / "views" / "data.py")


def _page() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def _inventory(at: AppTest):
    return at.dataframe[0].value


def _texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("markdown", "info", "error", "warning", "success")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def _upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key=at.file_uploader[0].key).set_value((name, content, "text/csv"))
    at.run()
    assert not at.exception, at.exception
    return at


def _save_button(at: AppTest):
    return next(b for b in at.button if b.label == "Save to the data folder")


def test_inventory_lists_every_demo_file_with_contract_rows_and_periods(demo_copy: Path) -> None:
    at = _page()
    assert at.title[0].value == "Data and uploads"
    inv = _inventory(at).set_index("File")
    assert sorted(inv.index) == sorted(p.name for p in demo_copy.glob("*.csv"))
    assert inv.loc["observations.csv", "Contract"] == "observations"
    lines = sum(1 for _ in (demo_copy / "observations.csv").open()) - 1
    assert inv.loc["observations.csv", "Rows read"] == lines
    assert inv.loc["observations.csv", "Stale"] in ("yes", "no")
    assert inv.loc["projects.csv", "Stale"] == "—"
    assert " to " in inv.loc["observations.csv", "Periods"]
    totals = at.dataframe[1].value.set_index("Contract")
    assert totals.loc["observations", "Rows read"] == lines
    assert any("Data as at" in str(h.body) for h in at.get("html"))


def _everything_shown(at: AppTest) -> str:
    """Every text the page puts on screen: elements, HTML blocks and table cells."""
    kinds = ("title", "header", "subheader", "caption", "markdown", "text", "code")
    kinds += ("info", "warning", "error", "success", "expander")
    parts = [str(getattr(e, "label", None) or e.value) for kind in kinds for e in at.get(kind)]
    parts += [h.proto.body for h in at.get("html")]
    parts += [d.value.astype(str).to_csv() for d in at.dataframe]
    return "\n".join(parts)


def test_the_data_folder_is_named_never_given_as_a_server_path(demo_copy: Path) -> None:
    (demo_copy / "sub").mkdir()
    (demo_copy / "sub" / "mystery.csv").write_text("metric_id,org_code,value\nx,y,1\n")
    at = _page()
    assert f"Data folder: {demo_copy.name}" in at.caption[0].value
    shown = _everything_shown(at)
    assert "sub/mystery.csv" in shown  # files are listed relative to the folder
    assert str(demo_copy.parent) not in shown
    assert str(demo_copy.resolve().parent) not in shown


def test_unrecognised_file_and_bad_rows_are_explained(demo_copy: Path) -> None:
    (demo_copy / "sub").mkdir()
    (demo_copy / "sub" / "mystery.csv").write_text("metric_id,org_code,value\nx,y,1\n")
    metric, org, *_ = demo_row()
    (demo_copy / "late.csv").write_text(OBS_HEADER + f"{metric},{org},31/13/2025,5,,\n")
    at = _page()
    inv = _inventory(at).set_index("File")
    assert inv.loc["sub/mystery.csv", "Contract"] == "not recognised"
    assert inv.loc["sub/mystery.csv", "Closest contract (missing columns)"] == (
        "observations (lacks period_start)"
    )
    assert inv.loc["late.csv", "Rows rejected"] == 1
    text = _texts(at)
    assert "**late.csv**" in text
    late = next(
        d.value for d in at.dataframe if "Reason" in d.value and (d.value["Line"] == "2").any()
    )
    assert late.iloc[0]["Column"] == "period_start"
    assert "is not a date; expected YYYY-MM-DD" in late.iloc[0]["Reason"]
    assert any(b.label == "Download findings (CSV)" for b in at.get("download_button"))


def test_good_upload_is_saved_and_appears_in_the_inventory(demo_copy: Path) -> None:
    metric, org, *_ = demo_row()
    at = _page()
    _upload(at, "new month.csv", (OBS_HEADER + f"{metric},{org},2099-01-01,42.5,,\n").encode())
    assert "Matched: **observations**; rows read 1, rejected 0" in _texts(at)
    assert "`new_month.csv`" in _texts(at)
    _save_button(at).click()
    at.run()
    assert not at.exception, at.exception
    assert (demo_copy / "new_month.csv").exists()
    assert "`new_month.csv` saved" in _texts(at)
    inv = _inventory(at).set_index("File")
    assert inv.loc["new_month.csv", "Rows read"] == 1
    assert inv.loc["new_month.csv", "Periods"] == "2099-01-01"
    assert not at.file_uploader[0].value  # a fresh uploader for the next file
    assert not list(demo_copy.glob(".upload-*"))


def test_bad_upload_is_rejected_with_line_and_column_and_nothing_is_written(
    demo_copy: Path,
) -> None:
    before = sorted(p.name for p in demo_copy.iterdir())
    metric, org, *_ = demo_row()
    bad = OBS_HEADER + f"{metric},{org},2099-01-01,1,,\n{metric},{org},31/13/2025,2,,\n"
    at = _page()
    _upload(at, "bad.csv", bad.encode())
    table = next(d.value for d in at.dataframe if "Reason" in d.value and len(d.value) == 1)
    assert table.iloc[0]["Line"] == "3"
    assert table.iloc[0]["Column"] == "period_start"
    assert table.iloc[0]["Value"] == "31/13/2025"
    assert any("Not saved" in e.value for e in at.error)
    assert not [b for b in at.button if b.label == "Save to the data folder"]
    assert sorted(p.name for p in demo_copy.iterdir()) == before


def test_unrecognised_and_oversized_uploads_are_refused(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _page()
    _upload(at, "odd.csv", b"colour,shape\nred,round\n")
    assert "Not recognised" in _texts(at)
    assert not [b for b in at.button if b.label == "Save to the data folder"]
    monkeypatch.setenv("IMPACT_MAX_UPLOAD_MB", "0.0001")
    at = _page()
    _upload(at, "big.csv", OBS_HEADER.encode() * 20)
    assert any("limited to" in e.value for e in at.error)
    assert not (demo_copy / "big.csv").exists()


def test_duplicate_name_needs_explicit_confirmation(demo_copy: Path) -> None:
    original = (demo_copy / "targets.csv").read_bytes()
    replacement = original.splitlines(keepends=True)[:2]
    at = _page()
    _upload(at, "targets.csv", b"".join(replacement))
    assert any("already in the data folder" in w.value for w in at.warning)
    assert _save_button(at).disabled
    assert (demo_copy / "targets.csv").read_bytes() == original
    next(c for c in at.checkbox if c.label == "Replace the existing targets.csv").check()
    at.run()
    assert not _save_button(at).disabled
    _save_button(at).click()
    at.run()
    assert not at.exception, at.exception
    assert (demo_copy / "targets.csv").read_bytes() == b"".join(replacement)
    assert "`targets.csv` replaced" in _texts(at)


def test_path_traversal_name_is_sanitised_and_written_inside_the_data_folder(
    demo_copy: Path,
) -> None:
    metric, org, *_ = demo_row()
    at = _page()
    _upload(at, "../../evil.csv", (OBS_HEADER + f"{metric},{org},2099-02-01,1,,\n").encode())
    assert "will be saved as `evil.csv`" in _texts(at)
    _save_button(at).click()
    at.run()
    assert not at.exception, at.exception
    outside = (demo_copy.parent / "evil.csv", demo_copy.parent.parent / "evil.csv")
    assert not any(path.exists() for path in outside), "written outside the data folder"
    assert sorted(demo_copy.parent.rglob("evil.csv")) == [demo_copy / "evil.csv"]
    assert "evil.csv" in set(_inventory(at)["File"])


def test_an_uploaded_month_shows_on_the_board_overview(demo_copy: Path) -> None:
    metric, org, *_ = demo_row()
    with (DEMO / "observations.csv").open(encoding="utf-8") as fh:
        last = max(line.split(",")[2] for line in fh if line.startswith(f"{metric},{org},"))
    year, month = int(last[:4]), int(last[5:7])
    following = add_months(date(year, month, 1), 1)
    at = _page()
    row = f"{metric},{org},{following:%Y-%m-%d},12.3,,\n"
    _upload(at, "next_month.csv", (OBS_HEADER + row).encode())
    _save_button(at).click()
    at.run()
    assert (demo_copy / "next_month.csv").exists()

    board = dashboard(timeout=120, org=org)
    latest = [m.value for m in board.markdown if f"Latest ({month_short(following)})" in m.value]
    assert latest and "12.3" in latest[0]
