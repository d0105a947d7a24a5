"""Improvement activity: portfolio counts, PDSA summaries, "Is it working?" and alignment."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from impact.filters import Org, OrgTree
from impact.improvement import (
    MIN_POINTS_EACH_SIDE,
    alignment_display,
    alignment_questions,
    alignment_table,
    assurance_label,
    build_improvement,
    classify_after,
    duration_months,
    first_period_after,
    is_it_working,
    no_metric_answer,
    pdsa_summary,
    portfolio_breakdowns,
    portfolio_counts,
    portfolio_table,
    portfolio_totals,
    project_list,
    scope_codes,
    working_summary,
)
from impact.units import format_value

INSTRUCTION_WORDS = re.compile(r"\b(must|should|action required)\b", re.IGNORECASE)


def monthly(n: int, start: str = "2022-01-01", values: list[float] | None = None) -> pd.DataFrame:
    periods = pd.date_range(start, periods=n, freq="MS")
    return pd.DataFrame(
        {"period_start": periods, "value": values or [50.0 + i % 3 for i in range(n)]}
    )


class RecordingSpc:
    """Stands in for the SPC engine: records its calls and labels points as told.

    ``after_types`` gives the point type of each point from the project start onwards, so a
    test decides the signal and checks how :func:`is_it_working` words it.
    """

    def __init__(self, after_types: list[str] | None = None, rule: str = "7 Points Above CL"):
        self.calls: list[dict] = []
        self.after_types = after_types or []
        self.rule = rule

    def __call__(self, data: pd.DataFrame, **kwargs) -> pd.DataFrame:
        self.calls.append(kwargs)
        out = data.copy()
        out["point_type"] = "common_cause"
        out["special_cause_type"] = "Common Cause"
        if "fix_after_n_points" in kwargs:
            n = kwargs["fix_after_n_points"]
            for i, kind in enumerate(self.after_types):
                out.loc[n + i, "point_type"] = kind
                if kind != "common_cause":
                    out.loc[n + i, "special_cause_type"] = self.rule
        return out


# --- portfolio ------------------------------------------------------------------------------

PROJECTS = pd.DataFrame(
    {
        "project_id": ["P1", "P2", "P3", "P4"],
        "org_code": ["T1"] * 4,
        "title": ["Streaming", "Discharge", "Clinics", "Booking"],
        "priority": ["uec", "uec", "elective", "primary_care"],
        "metric_id": ["ae_4hr", "ae_4hr", "rtt_18", None],
        "method": ["QSIR", None, "Lean", "QSIR"],
        "status": ["active", "complete", "active", "planned"],
        "start_date": pd.to_datetime(["2024-01-15", "2023-05-01", "2024-06-01", "2025-09-01"]),
        "end_date": pd.to_datetime([None, "2024-02-29", None, None]),
        "lead": ["COO", "DoN", "MD", None],
    }
)

PDSA = pd.DataFrame(
    {
        "project_id": ["P1", "P1", "P1", "P3"],
        "cycle_number": [2, 1, 3, 1],
        "start_date": pd.to_datetime(["2024-03-01", "2024-02-01", "2024-04-01", "2024-07-01"]),
        "change_tested": [
            "Evening streaming",
            "Day streaming",
            "Weekend streaming",
            "Pooled lists",
        ],
        "learning": ["Evenings lacked capacity", "Worked", "Rota gaps", None],
        "decision": ["adapt", "adopt", None, "abandon"],
    }
)


def test_portfolio_counts_keep_blank_method():
    counts = portfolio_counts(PROJECTS, "method")
    assert dict(zip(counts["method"], counts["projects"], strict=True)) == {
        "QSIR": 2,
        "Lean": 1,
        "Not stated": 1,
    }
    assert counts["projects"].sum() == len(PROJECTS)
    assert portfolio_counts(PROJECTS.iloc[0:0], "status").empty


def test_pdsa_summary_latest_cycle_and_decisions():
    summary = pdsa_summary(PDSA).set_index("project_id")
    p1 = summary.loc["P1"]
    assert p1["cycles"] == 3
    assert p1["latest_cycle"] == 3
    assert p1["latest_change"] == "Weekend streaming"
    assert (p1["adopt"], p1["adapt"], p1["abandon"]) == (1, 1, 0)
    assert summary.loc["P3", "abandon"] == 1


def test_portfolio_table_keeps_projects_without_cycles_and_orders_active_first():
    table = portfolio_table(PROJECTS, PDSA, as_of=date(2025, 1, 31))
    assert list(table["status"])[:2] == ["active", "active"]
    by_id = table.set_index("project_id")
    assert by_id.loc["P2", "cycles"] == 0
    assert by_id.loc["P4", "cycles"] == 0
    assert by_id.loc["P1", "months_running"] == 12  # 15 Jan 2024 → 31 Jan 2025
    assert by_id.loc["P2", "months_running"] == 9  # closed at its end date


def _portfolio() -> pd.DataFrame:
    """The portfolio as the page receives it (the query adds the names)."""
    table = portfolio_table(PROJECTS, PDSA, as_of=date(2025, 1, 31))
    return table.assign(
        org_name=table["project_id"].map({"P1": "Trust One", "P3": "Trust One", "P4": "Trust One"}),
        metric_name=table["metric_id"].map({"ae_4hr": "A&E 4 hours", "rtt_18": "RTT 18 weeks"}),
    )


def test_portfolio_totals_and_breakdowns_are_in_words():
    portfolio = _portfolio()
    totals = portfolio_totals(portfolio)
    assert (totals.projects, totals.active, totals.cycles) == (4, 2, 4)
    breakdowns = portfolio_breakdowns(portfolio)
    assert list(breakdowns) == ["By priority", "By status", "By method"]
    by_priority = breakdowns["By priority"].set_index("By priority")["Projects"]
    assert by_priority.to_dict() == {
        "Urgent & emergency care": 2,
        "Elective care": 1,
        "Primary care": 1,
    }
    assert breakdowns["By status"].set_index("By status").loc["Active", "Projects"] == 2
    assert breakdowns["By method"].set_index("By method").loc["Not stated", "Projects"] == 1


def test_project_list_says_what_is_missing_rather_than_leaving_it_blank():
    portfolio = _portfolio()
    portfolio.loc[portfolio["project_id"] == "P2", "priority"] = "improvement"
    portfolio.loc[portfolio["project_id"] == "P4", "priority"] = "estates"
    shown = project_list(portfolio).set_index("Project")
    assert shown.loc["Booking", "Aimed at"] == "No outcome measure linked"
    assert shown.loc["Booking", "Lead"] == "Not stated"
    assert shown.loc["Discharge", "Method"] == "Not stated"
    assert shown.loc["Discharge", "Organisation"] == "T1"  # no name: the code
    assert shown.loc["Discharge", "Priority"] == "Improvement capability"
    assert shown.loc["Booking", "Priority"] == "estates"  # unknown key kept as it is
    assert shown.loc["Streaming", "Started"] == "15 Jan 2024"
    assert shown.loc["Streaming", "Latest change tested"] == "Weekend streaming"
    assert shown.loc["Discharge", "Latest change tested"] == "—"
    assert shown.loc["Streaming", "Status"] == "Active"


def test_working_summary_gives_each_project_its_headline():
    portfolio = _portfolio()
    answers = {p: no_metric_answer() for p in portfolio["project_id"]}
    summary = working_summary(portfolio, answers)
    assert list(summary["Project"]) == list(portfolio["title"])
    assert set(summary["What the data shows"]) == {"No outcome measure linked"}


def test_duration_counts_whole_months_only():
    assert duration_months(date(2024, 1, 15), None, date(2024, 2, 14)) == 0
    assert duration_months(date(2024, 1, 15), None, date(2024, 2, 15)) == 1
    assert duration_months(date(2024, 5, 1), None, date(2024, 1, 1)) == 0


# --- is it working? -------------------------------------------------------------------------


def test_first_period_after_excludes_the_period_the_project_started_in():
    periods = pd.date_range("2024-01-01", periods=6, freq="MS")
    assert first_period_after(periods, date(2024, 3, 15)) == pd.Timestamp("2024-04-01")
    assert first_period_after(periods, date(2024, 3, 1)) == pd.Timestamp("2024-03-01")
    assert first_period_after(periods, date(2025, 1, 1)) is None


def test_before_after_judges_after_points_against_the_before_limits_and_rebases_chart():
    spc = RecordingSpc(after_types=["common_cause"] * 5 + ["special_cause_improvement"] * 7)
    series = monthly(30)
    answer = is_it_working(
        series,
        start_date=date(2023, 7, 1),
        improvement_direction="increase",
        unit="percent",
        metric_name="A&E 4-hour performance",
        spc_function=spc,
    )
    assert answer.status == "improvement"
    assert answer.headline == "Special cause improvement since the project began"
    assert (answer.points_before, answer.points_after) == (18, 12)
    assert answer.rebased
    signal_call, chart_call = spc.calls
    assert signal_call["fix_after_n_points"] == 18
    assert "rebase" not in signal_call
    assert chart_call["rebase"] == [pd.Timestamp("2023-07-01")]
    assert "7 of the 12 months" in answer.sentence
    assert "Jul 2023" in answer.sentence and "most recently Jun 2024" in answer.sentence
    assert "7 Points Above CL" in answer.sentence
    assert answer.question.endswith("?")
    assert "caused" not in answer.sentence.lower()


def test_latest_signal_decides_when_improvement_later_reverses():
    kinds = ["special_cause_improvement"] * 3 + ["common_cause"] * 6 + ["special_cause_concern"] * 3
    answer = is_it_working(
        monthly(24),
        start_date=date(2023, 1, 1),
        improvement_direction="increase",
        spc_function=RecordingSpc(after_types=kinds, rule="Below LCL"),
    )
    assert answer.status == "deterioration"
    assert "special cause concern" in answer.sentence
    assert "3 of the 12 months" in answer.sentence


def test_no_signal_reports_means_without_claiming_an_effect():
    values = [60.0] * 12 + [61.0] * 12
    answer = is_it_working(
        monthly(24, values=values),
        start_date=date(2023, 1, 1),
        improvement_direction="increase",
        unit="percent",
        spc_function=RecordingSpc(),
    )
    assert answer.status == "no_signal"
    assert answer.headline == "No signal yet"
    assert f"since Jan 2023 is {format_value(61.0, 'percent')}, against" in answer.sentence
    assert f"against {format_value(60.0, 'percent')} in the 12 months before" in answer.sentence
    assert answer.mean_before == pytest.approx(60.0)
    assert answer.mean_after == pytest.approx(61.0)


@pytest.mark.parametrize(("n", "start"), [(20, date(2023, 3, 1)), (20, date(2022, 6, 1))])
def test_fewer_than_twelve_points_on_a_side_says_so_and_does_not_rebase(n, start):
    spc = RecordingSpc()
    answer = is_it_working(
        monthly(n), start_date=start, improvement_direction="increase", spc_function=spc
    )
    assert answer.status == "too_few_points"
    assert not answer.rebased
    assert min(answer.points_before, answer.points_after) < MIN_POINTS_EACH_SIDE
    assert f"at least {MIN_POINTS_EACH_SIDE} on each side" in answer.sentence
    assert len(spc.calls) == 1 and "rebase" not in spc.calls[0]
    assert answer.chart is not None


def test_project_starting_after_the_last_point_has_no_after_points():
    answer = is_it_working(
        monthly(24),
        start_date=date(2030, 1, 1),
        improvement_direction="decrease",
        spc_function=RecordingSpc(),
    )
    assert answer.status == "too_few_points"
    assert answer.points_after == 0


def test_no_observations_is_answered_in_words():
    empty = pd.DataFrame({"period_start": pd.to_datetime([]), "value": []})
    answer = is_it_working(
        empty,
        start_date=date(2024, 1, 1),
        improvement_direction="increase",
        spc_function=RecordingSpc(),
    )
    assert answer.status == "no_data"
    assert answer.chart is None


def test_classify_after_treats_neutral_flags_as_a_shift():
    frame = monthly(4).assign(
        point_type=["common_cause", "common_cause", "special_cause_neutral_high", "common_cause"],
        special_cause_type="Above UCL",
    )
    status, latest = classify_after(frame, pd.Timestamp("2022-02-01"), "period_start")
    assert status == "shift" and latest["period_start"] == pd.Timestamp("2022-03-01")
    status, latest = classify_after(frame, pd.Timestamp("2022-04-01"), "period_start")
    assert status == "no_signal" and latest is None


# --- is our effort aimed at our biggest gaps? ----------------------------------------------

METRICS = pd.DataFrame(
    {
        "metric_id": ["ae_4hr", "rtt_18", "cancer_fds", "gp_2wk", "diag_6wk"],
        "metric_name": [
            "A&E 4-hour",
            "RTT 18 weeks",
            "Cancer FDS",
            "GP within 2 weeks",
            "Diagnostics",
        ],
        "priority": ["uec", "elective", "elective", "primary_care", "elective"],
    }
)
ASSURANCE = pd.DataFrame(
    {
        "metric_id": ["ae_4hr", "rtt_18", "cancer_fds", "diag_6wk"],
        "assurance_type": ["consistent_pass", "consistent_fail", "inconsistent", None],
    }
)
ALIGN_PROJECTS = pd.DataFrame(
    {
        "metric_id": ["ae_4hr", "ae_4hr", "cancer_fds", "gp_2wk", "rtt_18", None],
        "status": ["active", "active", "active", "active", "complete", "active"],
    }
)


def test_assurance_labels():
    assert assurance_label("consistent_fail") == "failing"
    assert assurance_label("inconsistent") == "hit-and-miss"
    assert assurance_label("consistent_pass") == "passing"
    assert assurance_label(None) == "no target"
    assert assurance_label(float("nan")) == "no target"


def test_alignment_table_puts_gaps_first_and_counts_only_active_projects():
    table = alignment_table(METRICS, ASSURANCE, ALIGN_PROJECTS)
    rows = table.set_index("metric_id")
    assert list(table["metric_id"]) == ["rtt_18", "cancer_fds", "ae_4hr", "diag_6wk", "gp_2wk"]
    assert rows.loc["rtt_18", "assurance"] == "failing"
    assert rows.loc["rtt_18", "active_projects"] == 0
    assert rows.loc["rtt_18", "other_projects"] == 1
    assert rows.loc["rtt_18", "alignment"] == "Gap: failing, no active project"
    assert rows.loc["ae_4hr", "active_projects"] == 2
    assert rows.loc["ae_4hr", "alignment"] == "Effort on a passing metric"
    assert rows.loc["diag_6wk", "assurance"] == "no target"
    assert rows.loc["gp_2wk", "assurance"] == "no data"  # project aimed at it, no data in scope


def test_alignment_display_words_priorities_and_assurance():
    table = alignment_table(METRICS, ASSURANCE, ALIGN_PROJECTS)
    shown = alignment_display(table)
    assert list(shown.columns) == [
        "Priority",
        "Measure",
        "Assurance",
        "Active projects",
        "Other projects",
        "What this suggests",
    ]
    first = shown.iloc[0]
    assert (first["Assurance"], first["What this suggests"]) == (
        "Failing",
        "Gap: failing, no active project",
    )
    assert "Elective care" in set(shown["Priority"])


def test_alignment_questions_are_questions_not_instructions():
    questions = alignment_questions(alignment_table(METRICS, ASSURANCE, ALIGN_PROJECTS))
    assert questions[0].startswith("RTT 18 weeks is consistently failing")
    assert any(
        "A&E 4-hour is consistently passing" in q and "2 active projects" in q for q in questions
    )
    assert any("GP within 2 weeks" in q for q in questions)
    assert not any("Cancer FDS" in q for q in questions)  # hit-and-miss but has work
    for question in questions:
        assert question.endswith("?")
        assert not INSTRUCTION_WORDS.search(question)


def test_effect_answers_never_use_instruction_words():
    for kinds in ([], ["special_cause_improvement"] * 12, ["special_cause_concern"] * 12):
        answer = is_it_working(
            monthly(24),
            start_date=date(2023, 1, 1),
            improvement_direction="increase",
            spc_function=RecordingSpc(after_types=kinds),
        )
        assert not INSTRUCTION_WORDS.search(answer.sentence + answer.question)


# --- with the real SPC engine ---------------------------------------------------------------

WOBBLE = [0.0, 1.2, -0.8, 0.5, -1.1, 0.9, -0.3, 1.0, -1.2, 0.4, -0.6, 0.7]


def stepped(before: float, after: float, n_before: int = 24, n_after: int = 15) -> pd.DataFrame:
    values = [before + WOBBLE[i % 12] for i in range(n_before)]
    values += [after + WOBBLE[i % 12] for i in range(n_after)]
    return monthly(n_before + n_after, values=values)


@pytest.mark.parametrize(
    ("after", "direction", "status"),
    [
        (66.0, "increase", "improvement"),
        (54.0, "increase", "deterioration"),
        (54.0, "decrease", "improvement"),
        (60.0, "increase", "no_signal"),
    ],
)
def test_real_engine_finds_a_step_after_the_start(after, direction, status):
    answer = is_it_working(
        stepped(60.0, after),
        start_date=date(2024, 1, 1),
        improvement_direction=direction,
        unit="percent",
        metric_name="the measure",
    )
    assert answer.status == status
    assert (answer.points_before, answer.points_after) == (24, 15)
    chart = answer.chart
    assert chart is not None and chart["rebase_group"].nunique() == 2
    first_new = chart.loc[chart["rebase_group"] == chart["rebase_group"].max(), "period_start"]
    assert first_new.min() == pd.Timestamp("2024-01-01")


def test_real_engine_too_few_points_draws_one_group_without_warning(recwarn):
    answer = is_it_working(
        stepped(60.0, 66.0, n_before=24, n_after=5),
        start_date=date(2024, 1, 1),
        improvement_direction="increase",
    )
    assert answer.status == "too_few_points"
    assert answer.chart["rebase_group"].nunique() == 1
    assert not [w for w in recwarn if "trial limits" in str(w.message)]


# --- the page's content through the named queries --------------------------------------------


@pytest.fixture
def mini_query():
    """A DuckDB holding every contract's table, queried through the named queries."""
    import duckdb

    from impact.contracts import CONTRACTS
    from impact.sql import run

    con = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    for contract in CONTRACTS.values():
        cols = ", ".join(f"{c.name} {c.type}" for c in contract.columns)
        con.execute(f"CREATE TABLE {contract.name} ({cols}, source_file VARCHAR)")
    con.execute(
        "INSERT INTO metrics VALUES ('m1', 'Four-hour performance', 'uec', 'Seen in time?', "
        "'percent', 'increase', 'month', NULL, NULL, 'f'), ('m2', 'Long waits', 'elective', "
        "'Waiting long?', 'count', 'decrease', 'month', NULL, NULL, 'f')"
    )
    con.execute(
        "INSERT INTO projects VALUES "
        "('P1', 'T1', 'Streaming', 'uec', 'm1', 'QSIR', 'active', '2024-01-01', NULL, 'COO', 'f'),"
        "('P2', 'T1', 'Culture', 'improvement', NULL, NULL, 'active', '2024-06-01', NULL, NULL,"
        " 'f'),"
        "('P3', 'T2', 'Elsewhere', 'uec', 'm1', 'Lean', 'active', '2024-01-01', NULL, NULL, 'f'),"
        "('P4', 'T1', 'Old', 'elective', 'm2', 'Lean', 'complete', '2020-01-01', '2020-06-30',"
        " NULL, 'f')"
    )
    con.execute(
        "INSERT INTO pdsa_cycles VALUES ('P1', 1, '2024-01-08', NULL, 'Streaming', NULL, "
        "'Worked in hours', 'adapt', 'f'), ('P3', 1, '2024-01-08', NULL, 'x', NULL, NULL, "
        "'adopt', 'f')"
    )
    series = stepped(60.0, 66.0)
    for row in series.itertuples():
        con.execute(
            "INSERT INTO observations VALUES ('m1', 'T1', ?, ?, NULL, NULL, 'f')",
            [row.period_start.date(), row.value],
        )
    yield lambda name, **params: run(con, name, **params)
    con.close()


def test_build_improvement_reads_scope_period_and_answers_every_project(mini_query):
    assurance = pd.DataFrame({"metric_id": ["m1"], "assurance_type": ["consistent_fail"]})
    view = build_improvement(
        mini_query, ["T1"], date(2022, 1, 1), date(2025, 3, 31), assurance, date(2025, 3, 31)
    )
    assert sorted(view.projects["project_id"]) == ["P1", "P2"]  # P3 other org, P4 ended 2020
    assert view.answers["P1"].status == "improvement"
    assert view.answers["P2"].status == "no_metric"
    p1 = view.portfolio.set_index("project_id").loc["P1"]
    assert (p1["cycles"], p1["adapt"], p1["latest_learning"]) == (1, 1, "Worked in hours")
    assert view.alignment.set_index("metric_id").loc["m1", "alignment"] == "Failing, work under way"

    later_window = build_improvement(
        mini_query, ["T1"], date(2024, 6, 1), date(2025, 3, 31), assurance, date(2025, 3, 31)
    )
    assert later_window.answers["P1"].points_before == 24  # baseline not cut by the window
    earlier_end = build_improvement(
        mini_query, ["T1"], date(2022, 1, 1), date(2024, 6, 30), assurance, date(2024, 6, 30)
    )
    assert earlier_end.answers["P1"].status == "too_few_points"  # 6 months since the start
    assert earlier_end.answers["P1"].points_after == 6


def test_scope_codes_walks_down_the_hierarchy():
    tree = OrgTree(
        [
            Org("R1", "Region", "region", None),
            Org("I1", "ICB", "icb", "R1"),
            Org("T1", "Trust", "trust", "I1"),
            Org("T2", "Other", "trust", "I1"),
        ]
    )
    assert scope_codes(tree, "I1")[0] == "I1"
    assert set(scope_codes(tree, "I1")) == {"I1", "T1", "T2"}
    assert scope_codes(tree, "T1") == ["T1"]
    assert set(scope_codes(tree, "R1")) == {"R1", "I1", "T1", "T2"}


def test_several_gaps_make_one_question():
    metrics = pd.DataFrame(
        {
            "metric_id": ["a", "b", "c"],
            "metric_name": ["Alpha", "Beta", "Gamma"],
            "priority": ["uec", "uec", "elective"],
        }
    )
    assurance = pd.DataFrame(
        {"metric_id": ["a", "b", "c"], "assurance_type": ["consistent_fail"] * 2 + ["inconsistent"]}
    )
    no_projects = pd.DataFrame({"metric_id": pd.Series(dtype="str"), "status": []})
    questions = alignment_questions(alignment_table(metrics, assurance, no_projects))
    assert questions == [
        "2 measures are consistently failing their targets with no active improvement project "
        "aimed at them (Alpha and Beta): which of these gaps matter most, and what improvement "
        "work would address them?",
        "Gamma meets its target only some of the time and has no active improvement project: "
        "is the board content to rely on it without one?",
    ]
