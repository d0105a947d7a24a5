"""Editing and deleting board questions: the history of changes, and two editors at once
losing nothing; on both backends (the DuckDB file and PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from impact.question_log import QuestionLog, QuestionLogError, StaleEdit, open_log
from impact.records.audit import open_audit
from tests.pg_cluster import NewRecords, pg_server, records_env  # noqa: F401
from tests.question_log_helpers import add_question


@pytest.fixture
def log(records_env: NewRecords) -> QuestionLog:  # noqa: F811
    return open_log(records_env())


def _add(log: QuestionLog, **overrides: object):
    fields = {"question": "Why has 4-hour performance fallen?", "actor": "chair@trust.nhs.uk"}
    return add_question(log, **{**fields, **overrides})


def test_an_edit_changes_only_the_given_fields_and_records_old_and_new(log: QuestionLog) -> None:
    added = _add(log)
    edited = log.edit(
        added.question_id,
        revision=added.revision,
        owner="Medical Director",
        due_date=date(2030, 5, 14),
        actor="secretary@trust.nhs.uk",
    )
    assert edited.revision == 2
    assert (edited.owner, edited.due_date, edited.question) == (
        "Medical Director",
        date(2030, 5, 14),
        added.question,
    )
    assert log.questions() == [edited]
    changes = [c for c in log.history(added.question_id) if c.action == "edited"]
    assert {(c.field, c.old_value, c.new_value) for c in changes} == {
        ("owner", "Chief Operating Officer", "Medical Director"),
        ("due_date", "2030-04-09", "2030-05-14"),
    }
    assert {(c.changed_by, c.revision) for c in changes} == {("secretary@trust.nhs.uk", 2)}
    added_rows = [c for c in log.history(added.question_id) if c.action == "added"]
    assert ("question", None, added.question) in {
        (c.field, c.old_value, c.new_value) for c in added_rows
    }


def test_an_edit_from_an_old_revision_is_refused_and_overwrites_nothing(log: QuestionLog) -> None:
    added = _add(log)
    log.edit(added.question_id, revision=1, owner="Director of Nursing", actor="a")
    with pytest.raises(StaleEdit, match="changed by someone else"):
        log.edit(added.question_id, revision=1, owner="Finance Director", actor="b")
    assert log.get(added.question_id).owner == "Director of Nursing"  # type: ignore[union-attr]
    assert [c.changed_by for c in log.history(added.question_id) if c.action == "edited"] == ["a"]


def test_bad_edits_are_refused_in_words_and_change_nothing(log: QuestionLog) -> None:
    added = _add(log)
    with pytest.raises(QuestionLogError, match="owner is required"):
        log.edit(added.question_id, revision=1, owner="  ")
    with pytest.raises(QuestionLogError, match="due date cannot be before"):
        log.edit(added.question_id, revision=1, due_date=date(2030, 1, 1))
    with pytest.raises(QuestionLogError, match="Only an answered question"):
        log.edit(added.question_id, revision=1, answer="Too early")
    with pytest.raises(QuestionLogError, match="No question"):
        log.edit("Q-missing", revision=1, owner="x")
    assert log.questions() == [added]


def test_delete_removes_the_question_and_keeps_its_history(log: QuestionLog) -> None:
    added = _add(log)
    log.delete(added.question_id, revision=1, actor="secretary@trust.nhs.uk")
    assert log.questions() == []
    gone = [c for c in log.history(added.question_id) if c.action == "deleted"]
    assert ("owner", "Chief Operating Officer", None) in {
        (c.field, c.old_value, c.new_value) for c in gone
    }
    with pytest.raises(StaleEdit, match="deleted by someone else"):
        log.edit(added.question_id, revision=1, owner="x")


def test_answering_from_a_stale_revision_is_refused(log: QuestionLog) -> None:
    added = _add(log)
    log.answer(added.question_id, "A plan in May.", actor="coo", revision=1)
    with pytest.raises(StaleEdit):
        log.answer(added.question_id, "Another answer", revision=1)
    answered = log.edit(added.question_id, revision=2, answer="A plan in June.")
    assert (answered.answer, answered.revision, answered.status) == (
        "A plan in June.",
        3,
        "answered",
    )


def test_every_change_is_in_the_audit_log_with_who_did_it(records_env: NewRecords) -> None:  # noqa: F811
    folder = records_env()
    log = open_log(folder)
    added = _add(log)
    log.edit(added.question_id, revision=1, owner="MD", actor="secretary")
    log.delete(added.question_id, revision=2, actor="secretary")
    entries = open_audit(folder).entries()
    assert [(e.actor, e.action, e.target) for e in entries] == [
        ("chair@trust.nhs.uk", "question added", added.question_id),
        ("secretary", "question edited", added.question_id),
        ("secretary", "question deleted", added.question_id),
    ]


def test_two_sessions_answering_and_adding_at_once_lose_nothing(log: QuestionLog) -> None:
    """Threads stand for Streamlit sessions: every add lands, every answer is a revision."""
    shared = _add(log)
    errors: list[BaseException] = []

    def session(name: str) -> None:
        try:
            for i in range(6):
                _add(log, question=f"{name} question {i}", actor=name)
                log.answer(shared.question_id, f"{name} answer {i}", actor=name)
        except BaseException as error:  # reported below, with the thread's name
            errors.append(error)

    threads = [threading.Thread(target=session, args=(n,)) for n in ("alice", "bob")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    questions = {q.question for q in log.questions()}
    assert {f"{n} question {i}" for n in ("alice", "bob") for i in range(6)} <= questions
    final = log.get(shared.question_id)
    assert final is not None and final.revision == 1 + 12
    answers = [c for c in log.history(shared.question_id) if c.field == "answer"]
    assert len(answers) == 12
    assert sorted(c.revision for c in answers) == list(range(2, 14))


def test_two_sessions_editing_one_revision_one_wins_and_one_is_told(log: QuestionLog) -> None:
    added = _add(log)
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def session(owner: str) -> None:
        barrier.wait()
        try:
            log.edit(added.question_id, revision=1, owner=owner, actor=owner)
            outcome[owner] = "saved"
        except StaleEdit:
            outcome[owner] = "told"

    threads = [threading.Thread(target=session, args=(o,)) for o in ("MD", "CFO")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcome.values()) == ["saved", "told"]
    winner = next(o for o, result in outcome.items() if result == "saved")
    stored = log.get(added.question_id)
    assert stored is not None and (stored.owner, stored.revision) == (winner, 2)
