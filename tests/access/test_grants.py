"""The access file: email beats group beats domain; first in the file wins; mistakes named."""

from pathlib import Path

import pytest

from impact import PROJECT_ROOT
from impact.access import AccessFileError, Role, load_access_file, parse_access

FILE = """
group_claim = "groups"

[[grant]]
domain = "example.nhs.uk"
role = "viewer"
orgs = ["I1"]

[[grant]]
group = "board-secretaries"
role = "secretary"
orgs = ["T1"]

[[grant]]
group = "analysts"
role = "analyst"
orgs = ["R1"]

[[grant]]
email = "Chief.Exec@Example.nhs.uk"
role = "admin"
orgs = ["*"]
"""


def _access(**claims: object):
    return parse_access(FILE).access_for(claims)


def test_email_grant_beats_group_and_domain_and_is_case_blind() -> None:
    access = _access(email="chief.exec@example.nhs.uk", groups=["analysts"])
    assert access is not None
    assert access.role is Role.admin and access.scope.is_everything
    assert access.actor == "chief.exec@example.nhs.uk"


def test_group_grant_beats_domain_and_the_first_matching_group_wins() -> None:
    access = _access(email="sam@example.nhs.uk", groups=["analysts", "board-secretaries"])
    assert access is not None
    assert access.role is Role.secretary
    assert access.scope.codes == {"T1"}


def test_domain_grant_when_nothing_more_specific_matches() -> None:
    access = _access(email="someone@EXAMPLE.nhs.uk", groups=[])
    assert access is not None
    assert (access.role, access.scope.codes) == (Role.viewer, {"I1"})


def test_entra_preferred_username_is_the_email_when_there_is_no_email_claim() -> None:
    access = _access(preferred_username="someone@example.nhs.uk")
    assert access is not None and access.role is Role.viewer


def test_a_group_claim_given_as_one_text_is_read() -> None:
    access = _access(email="x@elsewhere.org", groups="analysts")
    assert access is not None and access.role is Role.analyst


def test_nobody_matching_has_no_access() -> None:
    assert _access(email="x@elsewhere.org", groups=["other"]) is None
    assert _access(sub="no-email-at-all") is None
    # a domain is matched whole: a look-alike domain ending the same way is not it
    assert _access(email="x@badexample.nhs.uk") is None


def test_the_group_claim_can_be_renamed() -> None:
    text = 'group_claim = "roles"\n[[grant]]\ngroup = "Board"\nrole = "viewer"\norgs = ["T1"]\n'
    assert parse_access(text).access_for({"email": "a@b.c", "roles": ["Board"]}) is not None
    assert parse_access(text).access_for({"email": "a@b.c", "groups": ["Board"]}) is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[[grant]]\nrole = 'viewer'\norgs = ['T1']\n", "grant 1 must name exactly one"),
        (
            "[[grant]]\nemail = 'a@b.c'\ndomain = 'b.c'\nrole = 'viewer'\norgs = ['T1']\n",
            "exactly one",
        ),
        ("[[grant]]\nemail = 'a@b.c'\nrole = 'boss'\norgs = ['T1']\n", "role 'boss' is not one"),
        ("[[grant]]\nemail = 'a@b.c'\nrole = 'viewer'\norgs = []\n", "orgs must be a list"),
        ("[[grant]]\nemail = 'a@b.c'\nrole = 'viewer'\norgs = 'T1'\n", "orgs must be a list"),
        ("[[grant]]\nemail = 'no-at'\nrole = 'viewer'\norgs = ['T1']\n", "has no @"),
        (
            "[[grant]]\nemail = 'a@b.c'\nrole = 'viewer'\norgs = ['T1']\nscope = 1\n",
            "unknown key(s): scope",
        ),
        ("grants = 1\n", "unknown key(s): grants"),
        ("[[grant]\n", "not valid TOML"),
    ],
)
def test_mistakes_are_named_with_the_file_and_grant(text: str, says: str) -> None:
    with pytest.raises(AccessFileError) as raised:
        parse_access(text, "access.toml")
    assert says in str(raised.value)
    assert "access.toml" in str(raised.value)


def test_a_missing_file_means_nobody_gets_in(tmp_path: Path) -> None:
    with pytest.raises(AccessFileError, match="nobody has access"):
        load_access_file(tmp_path / "access.toml")


def test_the_file_is_read_from_the_environment_path(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "who.toml"
    path.write_text(FILE, encoding="utf-8")
    monkeypatch.setenv("IMPACT_ACCESS_FILE", str(path))
    assert len(load_access_file().grants) == 4


def test_the_shipped_example_access_file_is_valid() -> None:
    example = load_access_file(PROJECT_ROOT / "deploy" / "access.example.toml")
    assert [g.kind for g in example.grants] == ["email", "group", "domain", "email"]
    admin = example.access_for({"email": "dashboard.admin@example.nhs.uk"})
    assert admin is not None and admin.role is Role.admin and admin.scope.is_everything
