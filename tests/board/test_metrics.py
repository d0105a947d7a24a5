"""The board's metrics: the catalogue entries of the chosen priorities, in priority order."""

from impact.board.metrics import load_metrics
from tests.board.fake_queries import fake_query


def test_only_the_chosen_priorities_in_their_order():
    metrics = load_metrics(fake_query(), ("primary_care", "uec"))
    assert [m.metric_id for m in metrics] == ["gp_same_day", "ae_4hr", "waits_12hr"]
    ae = metrics[1]
    assert (ae.unit, ae.direction, ae.frequency) == ("percent", "increase", "month")
    assert ae.definition == "" and ae.source == ""
    assert load_metrics(fake_query(), ("elective",)) == []


def test_an_extract_without_question_kind_still_loads_and_defaults_by_target(data_dir, fresh_store):
    """An analyst's metrics file from before the column: standard with a target, else change."""
    from datetime import date

    from impact.board import build_board
    from tests.extracts import METRICS, OBS_HEADER, ORGS, TARGETS, write

    write(data_dir / "orgs.csv", ORGS)
    write(data_dir / "metrics.csv", METRICS)  # no question_kind column
    write(data_dir / "targets.csv", TARGETS)
    months = [f"2024-{m:02d}-01" for m in range(1, 13)] + [f"2025-{m:02d}-01" for m in range(1, 7)]
    rows = "".join(
        f"m_pct,T01,{d},{80 + i % 3},,\nm_count,T01,{d},{100 + i % 5},,\n"
        for i, d in enumerate(months)
    )
    write(data_dir / "obs.csv", OBS_HEADER + rows)
    store = fresh_store()
    assert "question_kind" not in (data_dir / "metrics.csv").read_text().splitlines()[0]
    board = build_board(store.query, "T01", date(2024, 1, 1), date(2025, 6, 1), priorities=("uec",))
    kinds = {a.metric.metric_id: (a.metric.question_kind, a.question_kind) for a in board.answers}
    assert kinds == {"m_pct": ("", "standard"), "m_count": ("", "change")}
    pct = board.answer("m_pct")
    assert pct.answer.startswith("Yes: 82% in June 2025 against the 78% standard.")
