"""A question's history as the page's table: newest first, fields in words, before and after."""

from datetime import date, timedelta
from pathlib import Path

from impact.question_log import open_log
from impact.question_log_changes import CHANGE_COLUMNS, changes_table


def test_changes_are_listed_newest_first_with_who_and_what(tmp_path: Path) -> None:
    log = open_log(tmp_path)
    q = log.add(
        org_code="T1",
        metric_id="m1",
        question="Why?",
        owner="COO",
        due_date=date.today() + timedelta(days=7),
        actor="ana@example.nhs.uk",
    )
    log.edit(q.question_id, revision=1, owner="CFO", actor="sam@example.nhs.uk")
    log.delete(q.question_id, revision=2, actor="sam@example.nhs.uk")
    table = changes_table(log.history(q.question_id))
    assert tuple(table.columns) == CHANGE_COLUMNS
    first, second = table.iloc[0], table.iloc[1]
    assert first["Who"] == "sam@example.nhs.uk" and first["Change"].startswith("deleted")
    edit = table[table["Change"] == "edited (revision 2)"]
    assert list(zip(edit["Field"], edit["Before"], edit["After"], strict=True)) == [
        ("owner", "COO", "CFO")
    ]
    added = table[table["Change"] == "added (revision 1)"]
    assert set(added["Who"]) == {"ana@example.nhs.uk"}
    assert "due by" in set(added["Field"]) and "organisation" in set(added["Field"])
    assert second["Who"] == "sam@example.nhs.uk"
