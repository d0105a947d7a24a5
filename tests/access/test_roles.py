"""Roles are cumulative: viewer < analyst (upload) < secretary (question log) < admin (audit)."""

import pytest

from impact.access import ROLES, Access, OrgScope, Role, open_access


def _as(role: str) -> Access:
    return Access(actor="a@example.nhs.uk", role=Role.named(role), scope=OrgScope.of(["T1"]))


@pytest.mark.parametrize(
    ("role", "upload", "questions", "audit"),
    [
        ("viewer", False, False, False),
        ("analyst", True, False, False),
        ("secretary", True, True, False),
        ("admin", True, True, True),
    ],
)
def test_what_each_role_may_do(role: str, upload: bool, questions: bool, audit: bool) -> None:
    access = _as(role)
    assert (access.can_upload, access.can_edit_questions, access.can_audit) == (
        upload,
        questions,
        audit,
    )


def test_role_names_are_read_in_any_case_and_unknown_ones_refused() -> None:
    assert Role.named(" Secretary ") is Role.secretary
    assert ROLES == ("viewer", "analyst", "secretary", "admin")
    with pytest.raises(KeyError):
        Role.named("superuser")


def test_open_access_is_everything_for_everyone_and_not_signed_in() -> None:
    access = open_access()
    assert not access.signed_in
    assert access.can_audit and access.scope.is_everything
    assert access.actor == "anonymous"
