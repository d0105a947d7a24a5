"""``python -m impact check``: per-file report, exit codes and JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from impact.cli import check


def main(argv: list[str]) -> int:
    """Run ``check`` as ``python -m impact check`` would (argv after the command name)."""
    parser = argparse.ArgumentParser()
    check.add_arguments(parser)
    return check.run(parser.parse_args(argv))


OBS = "metric_id,org_code,period_start,value\n"
#: The organisations the observations below name: without them their rows are rejected.
ORGS = "org_code,org_name,org_type\nRXX01,A trust,trust\nRXX02,Another trust,trust\n"


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(tmp_path / "cache"))


def folder(tmp_path: Path, files: dict[str, str]) -> Path:
    data = tmp_path / "data"
    for name, text in files.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return data


def test_clean_folder_exits_zero_and_reports_each_file(tmp_path, capsys) -> None:
    data = folder(
        tmp_path, {"sub/obs.csv": OBS + "ae_4hr_all,RXX01,2025-01-01,74.6\n", "orgs.csv": ORGS}
    )
    assert main([str(data)]) == 0
    out = capsys.readouterr().out
    assert "sub/obs.csv  [ok]" in out
    assert "matched: observations; rows read 1, rejected 0" in out
    assert "periods 2025-01-01 to 2025-01-01" in out
    assert out.rstrip().endswith("OK")


def test_rejected_row_exits_one_and_names_line_column_reason(tmp_path, capsys) -> None:
    data = folder(tmp_path, {"obs.csv": OBS + "ae_4hr_all,RXX01,31/13/2025,74.6\n"})
    assert main(["--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert (
        "error: line 2, column period_start: `period_start` = `31/13/2025` is not a date; "
        "expected YYYY-MM-DD" in out
    )


def test_unrecognised_file_exits_one(tmp_path, capsys) -> None:
    data = folder(tmp_path, {"mystery.csv": "a,b\n1,2\n"})
    assert main([str(data)]) == 1
    assert "[not recognised]" in capsys.readouterr().out


def test_json_is_machine_readable(tmp_path, capsys) -> None:
    data = folder(
        tmp_path,
        {
            "good.csv": OBS + "ae_4hr_all,RXX01,2025-01-01,74.6\n",
            "orgs.csv": ORGS,
            "bad.csv": OBS + "ae_4hr_all,RXX01,2025-02-01,lots\nae_4hr_all,RXX02,2025-02-01,70\n",
        },
    )
    assert main([str(data), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["files_failed"] == ["bad.csv"]
    bad = next(f for f in report["files"] if f["path"] == "bad.csv")
    assert (bad["contract"], bad["rows_read"], bad["rows_rejected"]) == ("observations", 2, 1)
    errors = [f for f in bad["findings"] if f["severity"] == "error"]
    assert errors == [
        {
            "line": 2,
            "column": "value",
            "value": "lots",
            "reason": "`value` = `lots` is not a number",
            "severity": "error",
        }
    ]


def test_missing_folder_is_an_error(tmp_path, capsys) -> None:
    assert main([str(tmp_path / "nowhere")]) == 2
    assert "No such data folder" in capsys.readouterr().err


def test_default_folder_comes_from_the_environment(tmp_path, capsys, monkeypatch) -> None:
    data = folder(
        tmp_path, {"obs.csv": OBS + "ae_4hr_all,RXX01,2025-01-01,74.6\n", "orgs.csv": ORGS}
    )
    monkeypatch.setenv("IMPACT_DATA_DIR", str(data))
    assert main(["--json"]) == 0
    assert json.loads(capsys.readouterr().out)["data_dir"] == str(data.resolve())


def test_the_real_command_line_exits_with_the_same_codes(tmp_path) -> None:
    import subprocess
    import sys

    from impact import PROJECT_ROOT

    good = folder(
        tmp_path, {"obs.csv": OBS + "ae_4hr_all,RXX01,2025-01-01,74.6\n", "orgs.csv": ORGS}
    )
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    for path, code in ((good, 0), (bad, 1)):
        done = subprocess.run(
            [sys.executable, "-m", "impact", "check", "--json", "--data", str(path)],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == code, done.stderr
        assert json.loads(done.stdout)["ok"] is (code == 0)


def test_an_undefined_metric_or_organisation_exits_one_and_suggests_the_known_id(
    tmp_path, capsys
) -> None:
    data = folder(
        tmp_path,
        {
            "orgs.csv": ORGS,
            "obs.csv": OBS
            + "ae_4hr_all,RXX01,2025-01-01,74.6\n"
            + "ae_4hr_al,RXX01,2025-02-01,74.6\n"
            + "ae_4hr_all,rxx01,2025-03-01,74.6\n",
        },
    )
    assert main([str(data)]) == 1
    out = capsys.readouterr().out
    assert "obs.csv  [rows rejected]" in out
    assert (
        "error: line 3, column metric_id: `metric_id` = `ae_4hr_al` (1 row(s)) is not in the "
        "metrics catalogue or any metrics extract: those rows are not used; "
        "did you mean `ae_4hr_all`?" in out
    )
    assert "error: line 4, column org_code: `org_code` = `rxx01`" in out
    assert "did you mean `RXX01`?" in out


PLANS = "metric_id,org_code,period_start,planned_value,plan_name,submitted\n"


def test_plan_findings_name_the_file_line_and_column(tmp_path, capsys) -> None:
    data = folder(
        tmp_path,
        {
            "obs.csv": OBS + "ae_4hr_all,RXX01,2025-01-01,74.6\n",
            "orgs.csv": ORGS,
            "plans/2025-26.csv": PLANS
            + "ae_4hr_all,RXX01,2025-09-01,76,2025/26 operating plan,2025-03-27\n"
            + "ae_4hr_al,RXX01,2025-09-01,76,2025/26 operating plan,2025-03-27\n"
            + "ae_4hr_all,RXX09,2025-09-01,76,2025/26 operating plan,2025-03-27\n"
            + "ae_4hr_all,RXX01,2025-09-01,77,2025/26 operating plan,2025-03-27\n",
        },
    )
    assert main([str(data)]) == 1  # the repeated month is a rejected row
    out = capsys.readouterr().out
    section = out.split("plans/2025-26.csv")[1].split("\n\n")[0]
    assert "matched: plans; rows read 4, rejected 1" in section
    assert (
        "error: line 5, column metric_id, org_code, period_start, plan_name, submitted: "
        "duplicate key" in section
    )
    assert "warning: line 3, column metric_id: `metric_id` = `ae_4hr_al`" in section
    assert "did you mean `ae_4hr_all`?" in section
    assert "warning: line 4, column org_code: `org_code` = `RXX09`" in section
    assert "obs.csv  [ok]" in out  # the rest unaffected


def test_a_relative_target_without_its_baseline_month_is_reported(tmp_path, capsys) -> None:
    targets = (
        "metric_id,org_code,target_value,effective_from,effective_to,source,target_rule,"
        "baseline_period,improvement,floor\n"
        "ae_4hr_all,,,2025-04-01,2026-03-31,local,improve_on_baseline,2025-03-01,5,\n"
    )
    data = folder(
        tmp_path,
        {
            "obs.csv": OBS + "ae_4hr_all,RXX01,2025-06-01,74.6\n",
            "orgs.csv": ORGS,
            "targets.csv": targets,
        },
    )
    assert main([str(data)]) == 0  # a warning: every row is still read
    out = capsys.readouterr().out
    section = out.split("targets.csv")[1].split("\n\n")[0]
    assert "warning: line 2, column baseline_period: the `ae_4hr_all` target from 2025-04-01" in (
        section
    )
    assert "have none for that month (`RXX01`)" in section
