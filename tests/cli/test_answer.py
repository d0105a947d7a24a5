"""``python -m impact answer``: the board's answers on the command line, on the demo data."""

import argparse
import csv
import json

import pytest

from impact import PROJECT_ROOT
from impact.cli import answer

DEMO = PROJECT_ROOT / "data" / "demo"
TRUST = "XRA05"  # a demo trust with acute metrics


@pytest.fixture(scope="module", autouse=True)
def _cache(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("IMPACT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    answer.add_arguments(parser)
    code = answer.run(parser.parse_args(["--data", str(DEMO), *argv]))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_every_metric_and_every_point(capsys):
    code, out, _ = _run(capsys, "--org", TRUST, "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["org_code"] == TRUST and doc["org_name"].startswith("Demo ")
    metrics = {m["metric_id"]: m for m in doc["metrics"]}
    ae = metrics["ae_4hr_all"]
    assert ae["board_question"].endswith("?")
    assert ae["answer"]
    assert ae["variation_label"] and ae["assurance_label"]
    points = ae["points"]
    assert set(points[0]) == set(answer.JSON_POINT_COLUMNS)
    assert len(points) == 24  # the default period: the latest 24 months
    assert points[-1]["period_start"] == ae["latest_period"]
    assert points[-1]["value"] == ae["latest_value"]
    for m in doc["metrics"]:
        for q in m["questions"]:
            assert q.endswith("?") and "must" not in q and "should" not in q


def test_one_metric_as_text(capsys):
    code, out, _ = _run(capsys, "--org", TRUST, "--metric", "ae_4hr_all", "--from", "2025-01")
    assert code == 0
    assert "Are patients being seen within four hours in A&E?" in out
    assert "Latest:" in out and "Variation:" in out and "Assurance:" in out
    assert "Period 2025-01 to" in out
    assert "rtt_18wk_pct" not in out


def test_organisations_differ(capsys):
    values = []
    for org in ("XRA03", "XRA07"):
        _, out, _ = _run(capsys, "--org", org, "--metric", "ae_4hr_all", "--json")
        values.append(json.loads(out)["metrics"][0]["latest_value"])
    assert values[0] != values[1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--org", "NOPE"), "answer: unknown organisation 'NOPE'"),
        (("--org", TRUST, "--from", "May 2025"), "--from 'May 2025' is not a month"),
        (("--org", TRUST, "--to", "2025-13"), "--to '2025-13' is not a month"),
        (("--org", TRUST, "--from", "2025-03", "--to", "2024-04"), "starts (2025-03) after"),
        (("--org", TRUST, "--metric", "no_such_metric"), "no data for metric"),
    ],
)
def test_bad_input_is_explained(capsys, argv, message):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and message in err and out == ""


def _demo_rows(name: str, **match: str) -> list[dict[str, str]]:
    """Rows of a demo file whose columns equal ``match``."""
    with (DEMO / name).open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if all(r[k] == v for k, v in match.items())]


def test_json_has_the_plan_of_the_latest_month_and_its_variance(capsys):
    code, out, _ = _run(capsys, "--org", TRUST, "--metric", "ae_4hr_all", "--json")
    assert code == 0
    [ae] = json.loads(out)["metrics"]
    # XRA05 re-planned A&E in July 2026: the later submission is the plan in force.
    latest = {"period_start": ae["latest_period"], "submitted": "2026-07-14"}
    [row] = _demo_rows("plans.csv", metric_id="ae_4hr_all", org_code=TRUST, **latest)
    assert ae["plan"] == float(row["planned_value"])
    assert ae["plan_variance"] == pytest.approx(ae["latest_value"] - ae["plan"])
    assert (ae["plan_name"], ae["plan_submitted"]) == ("2026/27 operating plan", "2026-07-14")
    assert ae["plan_text"].startswith("Behind plan: " if ae["plan_variance"] < 0 else "Ahead")
    assert ae["plan_text"] not in ae["answer"]


def test_the_rtt_target_of_2025_26_is_five_points_on_the_trusts_own_march_2025(capsys):
    code, out, _ = _run(
        capsys, "--org", "XRA07", "--metric", "rtt_18wk_pct", "--to", "2026-03", "--json"
    )
    assert code == 0
    [rtt] = json.loads(out)["metrics"]
    [march] = _demo_rows(
        "observations.csv", metric_id="rtt_18wk_pct", org_code="XRA07", period_start="2025-03-01"
    )
    baseline = float(march["value"])
    assert rtt["target"] == pytest.approx(baseline + 5)
    assert rtt["target_rule"] == (
        f"5 points above March 2025's {baseline:.1f}% = {baseline + 5:.1f}%"
    )
