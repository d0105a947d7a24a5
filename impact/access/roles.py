"""The four roles, what each may do, and the access a session runs with.

Roles are cumulative, in this order: a ``viewer`` reads; an ``analyst`` also uploads
extracts; a ``secretary`` also records, answers, edits and deletes board questions; an
``admin`` also reads the audit log. One order keeps the rule a single comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from impact.access.scope import OrgScope


class Role(IntEnum):
    """A role; a higher value may do everything a lower one may."""

    viewer = 1
    analyst = 2
    secretary = 3
    admin = 4

    @classmethod
    def named(cls, name: str) -> Role:
        """The role called ``name`` (as written in the access file); ``KeyError`` if none."""
        return cls[name.strip().lower()]

    def words(self) -> str:
        """What the role may do, for the page that says who is signed in."""
        return {
            Role.viewer: "can read the board pages",
            Role.analyst: "can read and upload extracts",
            Role.secretary: "can read, upload extracts and keep the question log",
            Role.admin: "can do everything, including reading the audit log",
        }[self]


#: The roles' names in order, as the access file spells them.
ROLES: tuple[str, ...] = tuple(r.name for r in Role)


@dataclass(frozen=True)
class Access:
    """What one session may see and do: who it is, its role and its organisations.

    ``signed_in`` is false when the app runs open (no ``[auth]`` section): then everyone
    is an admin of every organisation, exactly as before sign-in existed.
    """

    actor: str
    role: Role
    scope: OrgScope
    signed_in: bool = True

    @property
    def can_upload(self) -> bool:
        return self.role >= Role.analyst

    @property
    def can_edit_questions(self) -> bool:
        return self.role >= Role.secretary

    @property
    def can_audit(self) -> bool:
        return self.role >= Role.admin


def open_access() -> Access:
    """The access of everyone when sign-in is not set up: all roles, all organisations."""
    return Access(actor="anonymous", role=Role.admin, scope=OrgScope.everything(), signed_in=False)
