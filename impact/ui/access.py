"""Sign-in with Streamlit's OIDC (``st.login``) and the access the session runs with.

When ``.streamlit/secrets.toml`` has an ``[auth]`` section, :func:`gate` (called by the
entry point before the navigation) lets nobody past who has not signed in, shows a polite
"no access" page to a signed-in user the access file (:mod:`impact.access.grants`) does not
list, and records each session's sign-in in the audit log. Without ``[auth]`` the app runs
open, as it always has: everyone is an admin of every organisation (:func:`open_access`).

The access is worked out again on every run (the access file is re-read when it changes),
so removing someone from the file takes effect at their next click.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from impact import config
from impact.access import (
    Access,
    AccessFile,
    AccessFileError,
    OrgScope,
    Role,
    access_file_path,
    load_access_file,
    open_access,
)
from impact.records.audit import SIGNED_IN, open_audit

_LOG = logging.getLogger(__name__)
#: Session-state key: the sign-in of this session is already in the audit log.
_RECORDED = "_access_sign_in_recorded"
#: Session-state key: this run's access, beside the object that identifies the run.
_RUN_ACCESS = "_access_this_run"
#: Nobody: the access of a page reached without signing in (it then shows nothing).
NO_ACCESS = Access(actor="nobody", role=Role.viewer, scope=OrgScope.of([]), signed_in=True)

_loaded: dict[tuple[str, int, int], AccessFile] = {}


def auth_configured() -> bool:
    """Whether the secrets have an ``[auth]`` section (sign-in on)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all is the open, local set-up
        return False


def _access_file() -> AccessFile:
    """The access file, parsed once per version of it (its path, size and time)."""
    path: Path = access_file_path()
    try:
        stat = path.stat()
    except OSError:
        return load_access_file(path)  # raises the "no access file" error
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = load_access_file(path)
    return _loaded[key]


def _claims() -> dict[str, object]:
    return dict(st.user.to_dict())


def signed_in() -> bool:
    return bool(_claims().get("is_logged_in"))


def resolve_access() -> Access | None:
    """This session's access: open without ``[auth]``; ``None`` when signed in but unlisted.

    Raises :class:`AccessFileError` when the access file cannot be used.
    """
    if not auth_configured():
        return open_access()
    if not signed_in():
        return NO_ACCESS
    return _access_file().access_for(_claims())


def _this_run() -> object | None:
    """Something that is the same object for one script run and new for the next.

    Streamlit gives each run a fresh ``cursors`` dict on the session's run context, so it
    identifies the run (kept referenced below, so its identity is never reused).
    """
    ctx = get_script_run_ctx(suppress_warning=True)
    return getattr(ctx, "cursors", None) if ctx is not None else None


def current_access() -> Access:
    """The access pages and data reads run with (never raises: a fault means no access).

    Worked out once per script run (every query asks), so a change to the access file or
    the sign-in takes effect at the next interaction.
    """
    run = _this_run()
    memo = st.session_state.get(_RUN_ACCESS) if run is not None else None
    if memo is not None and memo[0] is run:
        return memo[1]
    try:
        access = resolve_access() or NO_ACCESS
    except AccessFileError:
        access = NO_ACCESS
    if run is not None:
        st.session_state[_RUN_ACCESS] = (run, access)
    return access


def _record_sign_in(access: Access) -> None:
    if st.session_state.get(_RECORDED) == access.actor:
        return
    try:
        open_audit(config.data_dir()).record(
            access.actor, SIGNED_IN, access.role.name, detail=", ".join(access.scope.key)
        )
    except Exception:  # noqa: BLE001 - a sign-in is not refused because the log is down
        _LOG.exception("Could not record the sign-in of %s in the audit log", access.actor)
        return
    st.session_state[_RECORDED] = access.actor


_MARKDOWN = set("\\`*_{}[]()<>#+-.!|~:$")


def plain(text: str) -> str:
    """``text`` (a claim from the provider) shown as written, never as Markdown or a link."""
    return "".join(f"\\{c}" if c in _MARKDOWN else c for c in text)


def _sign_in_page() -> None:
    st.title("Sign in")
    st.write(
        "This dashboard holds your organisation's own figures, so it asks who you are first. "
        "Sign in with your organisation account."
    )
    st.button("Sign in", type="primary", on_click=st.login, key="access-sign-in")


def no_access_page(who: str, reason: str | None = None) -> None:
    """The only thing a signed-in user without an entry in the access file sees."""
    st.title("No access yet")
    st.write(
        f"You are signed in as **{plain(who)}**, but this dashboard has not been opened to you. "
        "If you need it, ask whoever runs the dashboard for your organisation to add you "
        "to its access list; you will not need to sign in again."
    )
    if reason:
        st.caption(reason)
    st.button("Sign out", on_click=st.logout, key="access-sign-out")


def _sidebar(access: Access) -> None:
    with st.sidebar:
        st.caption(f"Signed in as **{plain(access.actor)}** ({access.role.name})")
        st.button("Sign out", on_click=st.logout, key="access-sidebar-sign-out")


def gate() -> Access:
    """Stop the run unless the session may use the dashboard; its access when it may."""
    if not auth_configured():
        return open_access()
    if not signed_in():
        _sign_in_page()
        st.stop()
    who = str(_claims().get("email") or _claims().get("name") or "an unknown account")
    try:
        access = resolve_access()
    except AccessFileError as error:
        _LOG.error("Sign-in refused everyone: %s", error)
        no_access_page(
            who,
            "The access list could not be read; the people who run the "
            "dashboard have been told in its log.",
        )
        st.stop()
    if access is None or access is NO_ACCESS:
        no_access_page(who)
        st.stop()
    _record_sign_in(access)
    _sidebar(access)
    return access


def access_words(access: Access, tree_words: str) -> str:
    """One sentence for the Data page: open, or who is signed in with what."""
    if not access.signed_in:
        return (
            "Sign-in is not set up: anyone who can reach this dashboard can see every "
            "organisation and change the question log. Set up sign-in before it holds "
            "figures that are not published (see the README's Security section)."
        )
    return (
        f"Signed in as {access.actor}, {access.role.name} ({access.role.words()}), "
        f"for {tree_words}."
    )
