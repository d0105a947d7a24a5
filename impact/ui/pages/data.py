"""The Data page: what the dashboard has read, what it could not, and a safe way to add more.

Analysts keep the dashboard fed. This page shows every extract in the data folder (what
it was recognised as, how many rows were read and rejected, the periods and organisations
it covers, whether it is stale), every validation finding in words an analyst can act on
(downloadable as CSV), the checks that need more than one file, and an upload that checks
a file *before* saving it. It only draws: the rules and words live in :mod:`impact.upload`,
:mod:`impact.data_status`, :mod:`impact.inventory` and the store.

The data folder is named, never given as a server path: every viewer can open this page.
"""

from __future__ import annotations

import datetime as dt
import logging
import math

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from impact import config, data_status, inventory, upload
from impact.access import Access
from impact.board.plans import plan_use_lines
from impact.ingest import NOT_RECOGNISED, FileReport
from impact.inventory import findings_table, inventory_frame, matched_words, periods_words
from impact.records.audit import UPLOADED, open_audit
from impact.store import Store
from impact.ui import data
from impact.ui.access import access_words, current_access, plain
from impact.ui.components.downloads import csv_download

_LOG = logging.getLogger(__name__)

PAGE_TITLE = "Data and uploads"

#: Session-state keys: a counter that renews the uploader after a save, the last
#: validation (so a rerun does not re-validate the same bytes) and the last save message.
UPLOAD_ROUND = "data_upload_round"
UPLOAD_CHECKED = "data_upload_checked"
UPLOAD_SAVED = "data_upload_saved"


def _show_findings_by_file(frame: pd.DataFrame, noun: str) -> None:
    for path, group in frame.groupby("file", sort=True):
        label = path or "across files"
        st.markdown(f"**{label}** — {len(group)} {noun}{'' if len(group) == 1 else 's'}")
        st.dataframe(findings_table(group), hide_index=True, width="stretch")


def _data_as_at_section(store: Store) -> None:
    status = data_status.data_as_at(store, query=data.query)
    st.html(f'<div class="as-at" role="status">{data_status.as_at_sentence(status)}</div>')
    if status.stale:
        with st.expander(f"Stale metrics ({len(status.stale)})"):
            for line in data_status.stale_lines(status):
                st.markdown(f"- {line}")


def _cache_note(store: Store) -> None:
    """Say so while the cache folder refuses writes: figures still served, from memory."""
    status = store.cache_status()
    if status:
        st.warning(status)


def _demo_note(reports: list[FileReport]) -> None:
    if inventory.shows_only_demo(reports):
        st.info(
            "You are looking at the demo data (fictional organisations). The demo set is read "
            "only while the data folder holds no other CSV file, so saving an extract of your "
            "own switches the dashboard to your files."
        )


def _report_lines(check: upload.UploadCheck) -> list[str]:
    """The same facts ``python -m impact check`` prints for one file."""
    r = check.report
    if r.status == NOT_RECOGNISED:
        return [f"Not recognised: {r.message}"]
    if r.message and r.status != "rows rejected":
        return [f"{r.status.capitalize()}: {r.message}"]
    lines = [
        f"Matched: **{matched_words(r)}**; rows read {r.rows_read:,}, rejected {r.rows_rejected:,}"
    ]
    if r.first_period:
        lines.append(f"Periods {periods_words(r)}; organisations {r.organisations}")
    return lines


def _access_note(access: Access) -> None:
    """Who is signed in with what, or that the dashboard runs open (no sign-in set up)."""
    words = access_words(access, access.scope.words(data.org_tree()))
    if access.signed_in:
        st.caption(plain(words))
    else:
        st.warning(words, icon=":material/lock_open:")


def _record_upload(actor: str, check: upload.UploadCheck, replaced: bool) -> None:
    """The upload's audit entry; a log that cannot be written is said, the file stays."""
    detail = f"{check.report.rows_read} row(s) of {matched_words(check.report)}" + (
        "; replaced the file of that name" if replaced else ""
    )
    try:
        open_audit(config.data_dir()).record(actor, UPLOADED, check.name, detail=detail)
    except Exception:  # noqa: BLE001 - the file is saved; the log's fault goes to the server log
        _LOG.exception("Could not record the upload of %s in the audit log", check.name)


def _upload_section(store: Store, access: Access) -> None:
    st.header("Add an extract")
    if not access.can_upload:
        st.info(
            "Adding extracts is for analysts: you are signed in as a "
            f"{access.role.name}. Ask whoever runs the dashboard if you need to upload."
        )
        return
    limit_mb = config.max_upload_mb()
    st.write(
        "Choose a CSV file. It is checked against the extract contracts before anything is "
        "saved; only a file with no errors is saved, under a safe name, straight into the "
        f"data folder. Files up to {limit_mb:g} MB."
    )
    saved = st.session_state.pop(UPLOAD_SAVED, None)
    if saved:
        st.success(saved)
    round_no = st.session_state.setdefault(UPLOAD_ROUND, 0)
    uploaded = st.file_uploader(
        "Upload a CSV extract",
        type=list(upload.ACCEPTED_TYPES),
        key=f"data_upload_{round_no}",
        max_upload_size=max(1, math.ceil(limit_mb)),
    )
    if uploaded is None:
        st.session_state.pop(UPLOAD_CHECKED, None)
        return
    cached = st.session_state.get(UPLOAD_CHECKED)
    if cached and cached[0] == uploaded.file_id:
        outcome = cached[1]
    else:
        try:
            outcome = upload.validate_upload(uploaded.getvalue(), uploaded.name)
        except upload.UploadRejected as exc:
            outcome = str(exc)
        st.session_state[UPLOAD_CHECKED] = (uploaded.file_id, outcome)
    if isinstance(outcome, str):
        st.error(f"Not saved. {outcome}")
        return
    _show_upload_check(store, uploaded, outcome)


def _show_upload_check(store: Store, uploaded: UploadedFile, check: upload.UploadCheck) -> None:
    if check.name != uploaded.name:
        st.info(f"The file will be saved as `{check.name}` (a safe name for the data folder).")
    for line in _report_lines(check):
        st.markdown(line)
    if check.findings:
        frame = pd.DataFrame([vars(f) for f in check.findings])
        st.dataframe(findings_table(frame), hide_index=True, width="stretch")
    if not check.can_save:
        st.error(
            f"Not saved: `{check.name}` has errors (listed above). Correct them and upload "
            "the file again; nothing has been written to the data folder."
        )
        return
    try:
        target = upload.target_path(store.data_dir, check.name)
    except upload.UploadRejected as exc:
        st.error(f"Not saved. {exc}")
        return
    replace = False
    if target.exists():
        st.warning(
            f"A file named `{check.name}` is already in the data folder (last modified "
            f"{inventory.when_text(target.stat().st_mtime)}). Saving replaces it."
        )
        replace = st.checkbox(
            f"Replace the existing {check.name}",
            key=f"data_upload_replace_{uploaded.file_id}",  # a new file must be confirmed anew
        )
    if st.button(
        "Save to the data folder",
        type="primary",
        disabled=target.exists() and not replace,
        key="data_upload_save",
    ):
        _save(store, uploaded.getvalue(), check, replace)


def _save(store: Store, content: bytes, check: upload.UploadCheck, replace: bool) -> None:
    actor = current_access().actor
    try:
        result = upload.save_atomically(content, store.data_dir, check.name, overwrite=replace)
    except upload.AlreadyExists:
        st.warning(
            f"`{check.name}` appeared in the data folder meanwhile; tick the box to replace it."
        )
        return
    except OSError as exc:
        # strerror only: the exception's own text would carry the server path.
        reason = exc.strerror or type(exc).__name__
        st.error(
            f"Not saved: the data folder could not be written ({reason}). "
            "Ask whoever runs the dashboard to check its permissions."
        )
        return
    _record_upload(actor, check, result.replaced)
    data.refresh()
    verb = "replaced" if result.replaced else "saved"
    st.session_state[UPLOAD_SAVED] = (
        f"`{check.name}` {verb}: {check.report.rows_read:,} row(s) of "
        f"{matched_words(check.report)}. Every page now shows it."
    )
    st.session_state[UPLOAD_ROUND] += 1
    st.session_state.pop(UPLOAD_CHECKED, None)
    st.rerun()


def _inventory_section(reports: list[FileReport]) -> None:
    data_files = [r for r in reports if r.origin == "data"]
    st.header("Files in the data folder")
    if not data_files:
        st.info("The data folder holds no CSV extract yet.")
    else:
        stale = data_status.stale_files(data.query("data_page_latest_by_file"), dt.date.today())
        st.dataframe(inventory_frame(data_files, stale), hide_index=True, width="stretch")
        st.subheader("Totals per contract")
        st.dataframe(inventory.totals_frame(data_files), hide_index=True, width="stretch")
    _plans_section()
    catalogue = [r for r in reports if r.origin != "data"]
    if catalogue:
        with st.expander("National catalogue shipped with the dashboard"):
            st.dataframe(inventory_frame(catalogue, {}), hide_index=True, width="stretch")


def _plans_section() -> None:
    """Which plan is used: the latest submission of each plan name (a re-plan replaces)."""
    lines = plan_use_lines(data.query("data_page_plans"))
    if lines:
        st.subheader("Plans used")
        for line in lines:
            st.markdown(f"- {line}")


def _findings_section(findings: pd.DataFrame) -> None:
    st.header("Validation findings")
    errors = findings[findings["severity"] == "error"]
    warnings = findings[findings["severity"] != "error"]
    if findings.empty:
        st.success("No findings: every row of every file was read.")
    else:
        csv_download(
            findings,
            label="Download findings (CSV)",
            file_name="findings.csv",
            key="data_findings_download",
        )
    if errors.empty:
        st.write("No file has rows rejected.")
    else:
        st.write(
            f"{len(errors)} problem(s) in {errors['file'].nunique()} file(s). Rejected rows are "
            "left out; the rest of each file is used."
        )
        _show_findings_by_file(errors, "problem")
    st.header("Checks across files")
    if warnings.empty:
        st.write(
            "No unknown metrics or organisations, no key supplied by two files, no gaps in "
            "monthly series."
        )
    else:
        _show_findings_by_file(warnings, "note")


def render() -> None:
    """Draw the Data page (it also works opened on its own, without the entry point)."""
    data.refresh()  # cheap (stat only)
    store = data.get_store()
    access = current_access()
    st.title(PAGE_TITLE)
    st.caption(
        f"Data folder: {inventory.folder_label(store.data_dir)} · file paths below are "
        "relative to it."
    )
    _access_note(access)
    _data_as_at_section(store)
    _cache_note(store)
    reports = store.files()
    _demo_note(reports)
    _upload_section(store, access)
    _inventory_section(reports)
    if access.can_upload:
        _findings_section(store.findings())
    else:
        st.caption(
            "Validation findings quote rows of the files, so they are shown to analysts only."
        )
