"""The two-editors rule: a change from an old revision is refused with its reason."""

from __future__ import annotations

import pytest

from impact.records.question_rows import QuestionLogError, StaleEdit
from impact.records.revisions import existing, refuse_stale


class _Changes:
    """A transaction whose history says whether the question ever existed."""

    def __init__(self, changes: list[tuple]) -> None:
        self.changes = changes

    def execute(self, name: str, **params: object) -> list[tuple]:
        assert name == "question_log_history" and params["question_id"] == "Q1", (name, params)
        return self.changes


def test_a_missing_question_is_named() -> None:
    with pytest.raises(QuestionLogError, match="No question 'Q9' in the log"):
        existing("Q9", None)


def test_changed_by_someone_else_names_the_revision() -> None:
    class Now:
        revision = 4

    with pytest.raises(StaleEdit, match="now revision 4.*Nothing was overwritten"):
        refuse_stale(_Changes([]), "Q1", Now())  # type: ignore[arg-type]


def test_deleted_by_someone_else_and_never_there_differ(monkeypatch) -> None:
    import impact.records.revisions as revisions

    monkeypatch.setattr(
        revisions,
        "list_changes",
        lambda tx, qid: tx.execute("question_log_history", question_id=qid),
    )
    with pytest.raises(StaleEdit, match="deleted by someone else"):
        refuse_stale(_Changes([("deleted",)]), "Q1", None)  # type: ignore[arg-type]
    with pytest.raises(QuestionLogError, match="No question 'Q1'") as caught:
        refuse_stale(_Changes([]), "Q1", None)  # type: ignore[arg-type]
    assert not isinstance(caught.value, StaleEdit)
