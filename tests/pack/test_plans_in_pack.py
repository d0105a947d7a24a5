"""The board pack shows each metric's plan: the plan line on its chart and the sentence."""

from __future__ import annotations

from impact import pack


def test_the_pack_has_the_plan_sentence_and_the_plan_line(built) -> None:
    content, html, board = built
    entries = {m.metric_id: m for p in content.priorities for m in p.metrics}
    planned = [a for a in board.answers if a.plan_text]
    assert {a.metric.metric_id for a in planned} == {"ae_4hr_all", "rtt_18wk_pct"}
    for answer in planned:
        entry = entries[answer.metric.metric_id]
        assert entry.plan == answer.plan_text
        assert entry.plan_source.startswith("2026/27 operating plan, submitted ")
        assert f'<p class="plan">{pack.esc(answer.plan_text)} ' in html
        [line] = [t for t in entry.figure.data if t.name == "Plan"]
        assert [y for y in line.y if y is not None][-1] == answer.plan
    unplanned = entries["cwt_62d"]
    assert unplanned.plan == "" and not [t for t in unplanned.figure.data if t.name == "Plan"]
