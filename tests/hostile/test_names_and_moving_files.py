"""Hostile names through the upload path, a file that changes while it is read, and a huge
file with one bad line near its end."""

from __future__ import annotations

from pathlib import Path

import pytest

from impact import upload
from impact.ingest import BEING_WRITTEN, OK, file_stat
from tests.extracts import OBS_HEADER, findings_for, report, rows, write
from tests.hostile.corpus import GOOD, METRICS, ORGS

GOOD_BYTES = (OBS_HEADER + "m_pct,T01,2024-03-01,70,,\n").encode()


@pytest.mark.parametrize(
    ("raw", "saved"),
    [
        ("../x.csv", "x.csv"),
        ("../../../../etc/cron.d/x.csv", "x.csv"),
        ("..\\..\\Windows\\x.csv", "x.csv"),
        ("CON.csv", "CON_file.csv"),
        ("nul.csv", "nul_file.csv"),
        ("com1.backup.csv", "com1.backup_file.csv"),
        ("a\x00b.csv", "ab.csv"),
        ("evil.csv\x00.png", None),
        ("x" * 5000 + ".csv", "x" * (upload.MAX_NAME_LENGTH - 4) + ".csv"),
        ("é" * 300 + ".csv", "e" * (upload.MAX_NAME_LENGTH - 4) + ".csv"),
        ("....csv", None),
        ("/", None),
    ],
)
def test_hostile_upload_names_are_saved_inside_the_folder_or_refused(
    raw: str, saved: str | None, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    (data / "good.csv").parent.mkdir(parents=True)
    (data / "good.csv").write_bytes(GOOD_BYTES)
    if saved is None:
        with pytest.raises(upload.UploadRejected):
            upload.save_atomically(GOOD_BYTES, data, raw)
    else:
        result = upload.save_atomically(GOOD_BYTES, data, raw)
        assert result.path == data.resolve() / saved
    assert sorted(p.parent for p in tmp_path.rglob("*.csv")) == [data.resolve()] * (
        2 if saved else 1
    )
    assert (data / "good.csv").read_bytes() == GOOD_BYTES


def test_a_file_changing_while_it_is_read_is_retried_not_half_used(
    data_dir: Path, fresh_store, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(data_dir / "good.csv", GOOD)
    write(data_dir / "metrics.csv", METRICS)
    write(data_dir / "orgs.csv", ORGS)
    moving = write(data_dir / "moving.csv", OBS_HEADER + "m_pct,T01,2023-01-01,1,,\n")
    real = file_stat.stat_changed

    def append_then_compare(stat: file_stat.FileStat) -> bool:
        if stat.path == moving:  # the copy is still going on as the read ends
            with moving.open("a", encoding="utf-8") as fh:
                fh.write("m_pct,T01,2023-02-01,2,,\n")
        return real(stat)

    monkeypatch.setattr(file_stat, "stat_changed", append_then_compare)
    store = fresh_store()
    assert report(store, "moving.csv").status == BEING_WRITTEN
    assert rows(store, "SELECT count(*) FROM observations WHERE source_file = 'moving.csv'") == [
        (0,)
    ]
    assert report(store, "good.csv").status == OK
    monkeypatch.setattr(file_stat, "stat_changed", real)
    store.refresh()
    assert rows(store, "SELECT count(*) FROM observations WHERE source_file = 'moving.csv'") == [
        (2,)
    ]


def test_a_huge_file_with_a_bad_line_near_the_end_names_that_line(
    data_dir: Path, fresh_store
) -> None:
    """About 50 MB of good rows, then one bad value and one row with extra empty fields."""
    write(data_dir / "good.csv", GOOD)
    write(data_dir / "metrics.csv", METRICS)
    orgs = ["T01"] + [f"T{i:04d}" for i in range(5000)]
    write(
        data_dir / "orgs.csv",
        "org_code,org_name,org_type,parent_code\nY01,Region,region,\n"
        + "".join(f"{o},Trust {o},trust,Y01\n" for o in orgs),
    )
    months = [f"{y}-{m:02d}-01" for y in range(1990, 2025) for m in range(1, 13)]
    huge = data_dir / "huge.csv"
    with huge.open("w", encoding="utf-8") as fh:
        fh.write(OBS_HEADER)
        lines = 1
        chunk = "".join(f"m_pct,{o},{{month}},50.5,101,200\n" for o in orgs)
        for month in months:
            if fh.tell() > 50_000_000:
                break
            fh.write(chunk.format(month=month))
            lines += len(orgs)
        fh.write("m_pct,T0001,2030-01-01,fifty,,\n")
        fh.write("m_pct,T0002,2030-02-01,50,,,\n")
    assert huge.stat().st_size > 50_000_000
    store = fresh_store()
    found = findings_for(store, "huge.csv")
    assert (lines + 1, "value", "fifty", "`value` = `fifty` is not a number") in found
    assert (
        lines + 2,
        "",
        "",
        "the row has more fields than the header (expected 6, found 7)",
    ) in found
    assert report(store, "huge.csv").rows_rejected == 2
    assert rows(store, "SELECT count(*) FROM observations WHERE source_file = 'good.csv'") == [(2,)]
