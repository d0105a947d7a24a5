"""Who may see and do what once sign-in is on: roles, organisation scopes, the access file.

Pure Python (no Streamlit): the signed-in user's claims (email, groups) are matched against
the access file (:mod:`impact.access.grants`) to give an :class:`Access` — a role
(:mod:`impact.access.roles`) and an organisation scope (:mod:`impact.access.scope`).
Which other organisations' figures a scoped user may still see is
:mod:`impact.access.visibility`. The Streamlit side is :mod:`impact.ui.access`.
"""

from impact.access.grants import (
    ACCESS_FILE_ENV,
    AccessFile,
    AccessFileError,
    Grant,
    access_file_path,
    load_access_file,
    parse_access,
)
from impact.access.roles import ROLES, Access, Role, open_access
from impact.access.scope import ALL_ORGS, OrgScope
from impact.access.visibility import hidden_orgs, without_hidden

__all__ = [
    "ACCESS_FILE_ENV",
    "ALL_ORGS",
    "ROLES",
    "Access",
    "AccessFile",
    "AccessFileError",
    "Grant",
    "OrgScope",
    "Role",
    "access_file_path",
    "hidden_orgs",
    "load_access_file",
    "open_access",
    "parse_access",
    "without_hidden",
]
