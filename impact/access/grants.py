"""The access file: which signed-in users may use the dashboard, with which role and scope.

A TOML file beside the secrets (``.streamlit/access.toml``, or the path in
``IMPACT_ACCESS_FILE``), kept out of version control like the secrets. Each ``[[grant]]``
names who it is for — exactly one of ``email``, ``domain`` (the part after ``@``) or
``group`` (a value of the OIDC group claim, ``groups`` by default; Entra ID puts group
object IDs there) — a ``role`` and the ``orgs`` of its scope::

    group_claim = "groups"

    [[grant]]
    email = "board.secretary@example.nhs.uk"
    role = "secretary"
    orgs = ["RRK"]

The most specific kind that matches decides: an ``email`` grant beats any ``group`` grant,
which beats any ``domain`` grant; within a kind, the first in the file wins. A user no
grant matches has no access. A mistake in the file is an :class:`AccessFileError` naming
the file and the grant, and nobody gets in until it is fixed (failing closed).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from impact import PROJECT_ROOT
from impact.access.roles import ROLES, Access, Role
from impact.access.scope import OrgScope

#: The environment variable that names the access file (else ``.streamlit/access.toml``).
ACCESS_FILE_ENV = "IMPACT_ACCESS_FILE"
#: The claim read for group grants unless the file says otherwise.
DEFAULT_GROUP_CLAIM = "groups"
#: The kinds of grant, most specific first.
KINDS: tuple[str, ...] = ("email", "group", "domain")


class AccessFileError(ValueError):
    """The access file cannot be used; the message names the file and the grant."""


@dataclass(frozen=True)
class Grant:
    """One ``[[grant]]``: who it matches (``kind`` and ``value``), the role and the scope."""

    kind: str
    value: str
    role: Role
    scope: OrgScope


@dataclass(frozen=True)
class AccessFile:
    """The parsed access file."""

    grants: tuple[Grant, ...]
    group_claim: str = DEFAULT_GROUP_CLAIM

    def access_for(self, claims: Mapping[str, object]) -> Access | None:
        """The access of a signed-in user with these OIDC claims, or ``None`` (no entry)."""
        email = user_email(claims)
        groups = _claim_values(claims.get(self.group_claim))
        domain = email.rpartition("@")[2] if "@" in email else ""
        wanted = {"email": {email} - {""}, "group": groups, "domain": {domain} - {""}}
        for kind in KINDS:
            for grant in self.grants:
                if grant.kind == kind and grant.value in wanted[kind]:
                    return Access(
                        actor=email or _subject(claims), role=grant.role, scope=grant.scope
                    )
        return None


def user_email(claims: Mapping[str, object]) -> str:
    """The user's email, lower case: ``email``, else Entra ID's ``preferred_username``."""
    for name in ("email", "preferred_username", "upn"):
        value = claims.get(name)
        if isinstance(value, str) and "@" in value:
            return value.strip().lower()
    return ""


def _subject(claims: Mapping[str, object]) -> str:
    sub = claims.get("sub")
    return f"subject {sub}" if sub else "unknown user"


def _claim_values(value: object) -> set[str]:
    if isinstance(value, str):
        return {value.strip()} if value.strip() else set()
    if isinstance(value, Sequence):
        return {str(v).strip() for v in value if str(v).strip()}
    return set()


def _grant(entry: object, number: int, where: str) -> Grant:
    label = f"{where}: grant {number}"
    if not isinstance(entry, Mapping):
        raise AccessFileError(f"{label} is not a table of email/domain/group, role and orgs.")
    unknown = sorted(set(entry) - {*KINDS, "role", "orgs", "note"})
    if unknown:
        raise AccessFileError(f"{label} has unknown key(s): {', '.join(unknown)}.")
    kinds = [k for k in KINDS if k in entry]
    if len(kinds) != 1:
        raise AccessFileError(f"{label} must name exactly one of email, domain or group.")
    kind = kinds[0]
    value = entry[kind]
    if not isinstance(value, str) or not value.strip():
        raise AccessFileError(f"{label}: {kind} must be a non-empty text.")
    value = value.strip()
    if kind in ("email", "domain"):
        value = value.lower().lstrip("@") if kind == "domain" else value.lower()
    if kind == "email" and "@" not in value:
        raise AccessFileError(f"{label}: email {value!r} has no @.")
    role_name = entry.get("role")
    try:
        role = Role.named(str(role_name))
    except KeyError:
        raise AccessFileError(
            f"{label}: role {role_name!r} is not one of {', '.join(ROLES)}."
        ) from None
    orgs = entry.get("orgs")
    if (
        not isinstance(orgs, list)
        or not orgs
        or not all(isinstance(o, str) and o.strip() for o in orgs)
    ):
        raise AccessFileError(
            f'{label}: orgs must be a list of organisation codes (or ["*"] for all).'
        )
    return Grant(kind=kind, value=value, role=role, scope=OrgScope.of(orgs))


def parse_access(text: str, where: str = "access file") -> AccessFile:
    """Parse the access file's text; :class:`AccessFileError` says what is wrong and where."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise AccessFileError(f"{where} is not valid TOML: {error}") from None
    unknown = sorted(set(doc) - {"grant", "group_claim"})
    if unknown:
        raise AccessFileError(f"{where} has unknown key(s): {', '.join(unknown)}.")
    claim = doc.get("group_claim", DEFAULT_GROUP_CLAIM)
    if not isinstance(claim, str) or not claim.strip():
        raise AccessFileError(f"{where}: group_claim must be a claim name.")
    entries = doc.get("grant", [])
    if not isinstance(entries, list):
        raise AccessFileError(f"{where}: write each grant as [[grant]].")
    grants = tuple(_grant(e, n, where) for n, e in enumerate(entries, start=1))
    return AccessFile(grants=grants, group_claim=claim.strip())


def access_file_path() -> Path:
    """Where the access file is: ``IMPACT_ACCESS_FILE``, else ``.streamlit/access.toml``."""
    named = os.environ.get(ACCESS_FILE_ENV, "").strip()
    return Path(named) if named else PROJECT_ROOT / ".streamlit" / "access.toml"


def load_access_file(path: Path | None = None) -> AccessFile:
    """Read the access file; a missing one is an error (sign-in on, nobody listed)."""
    path = path or access_file_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AccessFileError(
            f"There is no access file ({path.name}); sign-in is on, so nobody has access."
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise AccessFileError(f"{path.name} could not be read ({error}).") from None
    return parse_access(text, path.name)
