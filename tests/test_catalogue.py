"""The national catalogue: valid to its contracts, worded as questions, every target sourced
and matching the planning guidance it cites."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

import pytest

from impact.catalogue import METRICS_CSV, TARGETS_CSV, catalogue_paths
from impact.contracts import CONTRACTS, match_contract
from tests.demo.contract_check import contract_errors, read_csv

INSTRUCTION_WORDS = re.compile(r"\b(must|should|action required)\b", re.IGNORECASE)

#: The metric ids the publication readers and board pages use.
EXPECTED_METRICS = {
    "ae_4hr_all", "ae_4hr_type1", "ae_attendances", "ae_12hr_dta", "ae_4hr_dta",
    "ae_emergency_admissions", "cwt_28d_fds", "cwt_31d", "cwt_62d", "gp_appts_within_2wks",
    "gp_same_day_pct", "gp_appts_total", "gp_dna_rate", "rtt_18wk_pct", "rtt_waiting_list",
    "rtt_52wk", "rtt_65wk", "rtt_78wk", "amb_cat2_mean", "dm01_6wk_pct",
}  # fmt: skip


@pytest.fixture(scope="module")
def metrics() -> list[dict[str, str]]:
    return read_csv(METRICS_CSV)[1]


@pytest.fixture(scope="module")
def targets() -> list[dict[str, str]]:
    return read_csv(TARGETS_CSV)[1]


def test_paths_point_at_the_shipped_files() -> None:
    paths = catalogue_paths()
    assert set(paths) == {"metrics", "targets"}
    for contract, path in paths.items():
        header, rows = read_csv(path)
        assert match_contract(header) is CONTRACTS[contract]
        assert rows and contract_errors(CONTRACTS[contract], rows) == []


def test_every_recovery_metric_is_catalogued(metrics: list[dict[str, str]]) -> None:
    ids = [m["metric_id"] for m in metrics]
    assert len(ids) == len(set(ids))
    assert set(ids) >= EXPECTED_METRICS
    assert {m["priority"] for m in metrics} >= {"elective", "uec", "primary_care"}


def test_board_questions_are_questions_not_instructions(metrics: list[dict[str, str]]) -> None:
    for m in metrics:
        question = m["board_question"]
        assert question.endswith("?") and question[0].isupper(), m["metric_id"]
        assert question.count("?") == 1, m["metric_id"]
        for field in ("metric_name", "board_question", "definition"):
            assert not INSTRUCTION_WORDS.search(m[field]), (m["metric_id"], field)


def test_every_metric_is_defined_and_sourced(metrics: list[dict[str, str]]) -> None:
    for m in metrics:
        assert len(m["definition"]) > 60 and m["source"].startswith("NHS England"), m


def test_every_target_is_for_a_catalogued_metric_and_sourced(
    metrics: list[dict[str, str]], targets: list[dict[str, str]]
) -> None:
    units = {m["metric_id"]: m["unit"] for m in metrics}
    for t in targets:
        assert t["metric_id"] in units, t
        assert t["org_code"] == "", "national targets apply to every organisation"
        assert re.search(r"guidance|plan|standard|framework", t["source"]), t
        assert not INSTRUCTION_WORDS.search(t["source"]), t
        if t["target_rule"]:  # a relative target: computed per organisation
            assert t["target_rule"] == "improve_on_baseline" and not t["target_value"], t
            assert t["baseline_period"] and float(t["improvement"]) > 0, t
        elif units[t["metric_id"]] == "percent":
            assert 0 <= float(t["target_value"]) <= 100, t


def test_target_periods_do_not_overlap(targets: list[dict[str, str]]) -> None:
    spans = defaultdict(list)
    for t in targets:
        start = date.fromisoformat(t["effective_from"])
        end = date.fromisoformat(t["effective_to"]) if t["effective_to"] else date.max
        assert start <= end, t
        spans[(t["metric_id"], t["target_rule"])].append((start, end))
    for metric, periods in spans.items():
        periods.sort()
        for (_, end), (start, _) in zip(periods, periods[1:], strict=False):
            assert end < start, metric
        if not metric[1]:  # a relative target is dated; the absolute one stays open
            assert periods[-1][1] == date.max, f"{metric}: the latest target stays open"


def _target_on(targets: list[dict[str, str]], metric: str, day: str) -> float | None:
    when = date.fromisoformat(day)
    for t in targets:
        end = date.fromisoformat(t["effective_to"]) if t["effective_to"] else date.max
        if t["target_rule"]:
            continue  # relative targets are computed per organisation (tests/board)
        if t["metric_id"] == metric and date.fromisoformat(t["effective_from"]) <= when <= end:
            return float(t["target_value"])
    return None


@pytest.mark.parametrize(
    ("metric", "day", "expected"),
    [
        ("ae_4hr_all", "2024-03-01", 76),  # 2023/24 guidance, by March 2024
        ("ae_4hr_all", "2025-03-01", 78),  # 2024/25 guidance
        ("ae_4hr_all", "2026-03-01", 78),  # 2025/26 guidance
        ("amb_cat2_mean", "2024-12-01", 30),
        ("amb_cat2_mean", "2026-01-01", 30),
        ("rtt_18wk_pct", "2024-06-01", None),  # no interim national % before 2025/26
        ("rtt_18wk_pct", "2026-03-01", 65),
        ("rtt_52wk_pct", "2026-03-01", 1),
        ("rtt_65wk", "2024-09-01", None),
        ("rtt_65wk", "2024-10-01", 0),  # eliminate by September 2024
        ("rtt_78wk", "2023-04-01", 0),
        ("dm01_6wk_pct", "2025-03-01", 5),
        ("cwt_28d_fds", "2024-03-01", 75),
        ("cwt_28d_fds", "2025-03-01", 77),
        ("cwt_28d_fds", "2026-03-01", 80),
        ("cwt_62d", "2025-03-01", 70),
        ("cwt_62d", "2026-03-01", 75),
        ("cwt_31d", "2025-01-01", 96),
        ("ae_12hr_dta", "2026-01-01", None),  # no national numeric target
        ("gp_appts_within_2wks", "2025-01-01", None),  # no national percentage target
    ],
)
def test_targets_match_the_planning_guidance(
    targets: list[dict[str, str]], metric: str, day: str, expected: float | None
) -> None:
    assert _target_on(targets, metric, day) == expected


def test_metrics_without_a_national_target_say_so(
    metrics: list[dict[str, str]], targets: list[dict[str, str]]
) -> None:
    with_target = {t["metric_id"] for t in targets}
    for m in metrics:
        if m["metric_id"] in with_target or m["improvement_direction"] == "neutral":
            continue
        assert re.search(r"\bno\b[^.]*\btarget", m["definition"], re.IGNORECASE), m["metric_id"]


def test_every_metric_names_a_chart_its_data_can_draw(metrics: list[dict[str, str]]) -> None:
    """Auto limits only where the Stable Shift Algorithm has the chart (XmR, P'); ratio charts
    only for percentages (their observations carry a numerator and denominator)."""
    from impact.contracts.definitions import AUTO_LIMIT_CHARTS

    for m in metrics:
        chart, limits = m["chart"] or "i", m["limits"] or "fixed"
        if limits == "auto":
            assert chart in AUTO_LIMIT_CHARTS, m["metric_id"]
        if chart in ("p", "pp"):
            assert m["unit"] == "percent", m["metric_id"]
        assert f"(chart {chart})" in m["definition"], m["metric_id"]


def test_rtt_18_weeks_2025_26_is_five_points_on_each_trusts_march_2025(
    targets: list[dict[str, str]],
) -> None:
    """2025/26 guidance: 65% nationally, every trust at least 5 points better than March 2025."""
    rows = [t for t in targets if t["metric_id"] == "rtt_18wk_pct" and t["target_rule"]]
    assert len(rows) == 1
    rule = rows[0]
    assert (rule["effective_from"], rule["effective_to"]) == ("2025-04-01", "2026-03-31")
    assert (rule["baseline_period"], float(rule["improvement"])) == ("2025-03-01", 5.0)
    assert "2025/26 priorities and operational planning guidance" in rule["source"]
