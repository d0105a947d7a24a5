"""The Data page: what the dashboard has read, what it could not, and a safe way to add more.

Analysts keep the dashboard fed. This page shows every extract in the data folder (what
it was recognised as, how many rows were read and rejected, the periods and organisations
it covers, whether it is stale), every validation finding in words an analyst can act on
(downloadable as CSV), the checks that need more than one file, and an upload that checks
a file *before* saving it. A thin page: the rules live in :mod:`impact.upload`,
:mod:`impact.data_status` and the store.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import streamlit as st

from impact import config, contracts, data_status, upload
from impact.csv_safe import to_safe_csv
from impact.ingest import NOT_RECOGNISED, FileReport
from impact.ui import state

PAGE_TITLE = "Data and uploads"

#: Session-state keys: a counter that renews the uploader after a save, the last
#: validation (so a rerun does not re-validate the same bytes) and the last save message.
UPLOAD_ROUND = "data_upload_round"
UPLOAD_CHECKED = "data_upload_checked"
UPLOAD_SAVED = "data_upload_saved"

FINDING_HEADINGS = {
    "line": "Line",
    "column": "Column",
    "value": "Value",
    "reason": "Reason",
}


def _when(mtime: float | None) -> str:
    return "—" if mtime is None else f"{dt.datetime.fromtimestamp(mtime):%d %b %Y %H:%M}"


def _matched(report: FileReport) -> str:
    """What the file was recognised as, in the inventory's words."""
    if report.status == NOT_RECOGNISED or not (report.contract or report.reader):
        return "not recognised"
    if report.reader:
        return f"{report.reader} → {report.contract or '—'}"
    return str(report.contract)


def _closest(report: FileReport) -> str:
    if report.status != NOT_RECOGNISED or not report.closest_contract:
        return ""
    missing = ", ".join(report.missing_columns) or "—"
    return f"{report.closest_contract} (lacks {missing})"


def _periods(report: FileReport) -> str:
    if not report.first_period:
        return "—"
    if report.first_period == report.last_period:
        return str(report.first_period)
    return f"{report.first_period} to {report.last_period}"


def inventory_frame(reports: list[FileReport], stale: dict[str, bool]) -> pd.DataFrame:
    """One row per file, in the order and words the page shows."""
    return pd.DataFrame(
        {
            "File": [r.path for r in reports],
            "Contract": [_matched(r) for r in reports],
            "Closest contract (missing columns)": [_closest(r) for r in reports],
            "Status": [r.status for r in reports],
            "Rows read": [r.rows_read for r in reports],
            "Rows rejected": [r.rows_rejected for r in reports],
            "Periods": [_periods(r) for r in reports],
            "Organisations": [r.organisations for r in reports],
            "Last modified": [_when(r.mtime) for r in reports],
            "Stale": [
                ("yes" if stale[r.path] else "no") if r.path in stale else "—" for r in reports
            ],
        }
    )


def totals_frame(reports: list[FileReport]) -> pd.DataFrame:
    """Files, rows read and rows rejected per contract (unrecognised files counted apart)."""
    rows = [
        {
            "Contract": r.contract or "not recognised",
            "Files": 1,
            "Rows read": r.rows_read,
            "Rows rejected": r.rows_rejected,
        }
        for r in reports
    ]
    if not rows:
        return pd.DataFrame(columns=["Contract", "Files", "Rows read", "Rows rejected"])
    order = {name: i for i, name in enumerate(contracts.CONTRACTS)}
    frame = pd.DataFrame(rows).groupby("Contract", as_index=False).sum()
    return frame.sort_values("Contract", key=lambda s: s.map(order).fillna(len(order)))


def _findings_table(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[list(FINDING_HEADINGS)].rename(columns=FINDING_HEADINGS)
    out["Line"] = out["Line"].map(lambda v: "—" if pd.isna(v) else str(int(v)))
    return out


def _show_findings_by_file(frame: pd.DataFrame, noun: str) -> None:
    for path, group in frame.groupby("file", sort=True):
        label = path or "across files"
        st.markdown(f"**{label}** — {len(group)} {noun}{'' if len(group) == 1 else 's'}")
        st.dataframe(_findings_table(group), hide_index=True, width="stretch")


def _data_as_at_section(store) -> None:
    status = data_status.data_as_at(store, query=state.query)
    st.html(f'<div class="as-at" role="status">{data_status.as_at_sentence(status)}</div>')
    if status.stale:
        with st.expander(f"Stale metrics ({len(status.stale)})"):
            for line in data_status.stale_lines(status):
                st.markdown(f"- {line}")


def _demo_note(reports: list[FileReport]) -> None:
    data_files = [r for r in reports if r.origin == "data"]
    if data_files and all(r.path.startswith("demo/") for r in data_files):
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
    lines = [f"Matched: **{_matched(r)}**; rows read {r.rows_read:,}, rejected {r.rows_rejected:,}"]
    if r.first_period:
        lines.append(f"Periods {_periods(r)}; organisations {r.organisations}")
    return lines


def _upload_section(store) -> None:
    st.header("Add an extract")
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
        type=["csv"],
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


def _show_upload_check(store, uploaded, check: upload.UploadCheck) -> None:
    if check.name != uploaded.name:
        st.info(f"The file will be saved as `{check.name}` (a safe name for the data folder).")
    for line in _report_lines(check):
        st.markdown(line)
    if check.findings:
        frame = pd.DataFrame([vars(f) for f in check.findings])
        st.dataframe(_findings_table(frame), hide_index=True, width="stretch")
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
            f"{_when(target.stat().st_mtime)}). Saving replaces it."
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


def _save(store, data: bytes, check: upload.UploadCheck, replace: bool) -> None:
    try:
        result = upload.save_atomically(data, store.data_dir, check.name, overwrite=replace)
    except upload.AlreadyExists:
        st.warning(
            f"`{check.name}` appeared in the data folder meanwhile; tick the box to replace it."
        )
        return
    except OSError as exc:
        st.error(
            f"Not saved: the data folder could not be written ({exc.strerror or exc}). "
            "Ask whoever runs the dashboard to check its permissions."
        )
        return
    state.refresh()
    verb = "replaced" if result.replaced else "saved"
    st.session_state[UPLOAD_SAVED] = (
        f"`{check.name}` {verb}: {check.report.rows_read:,} row(s) of "
        f"{_matched(check.report)}. Every page now shows it."
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
        stale = data_status.stale_files(state.query("data_page_latest_by_file"), dt.date.today())
        st.dataframe(inventory_frame(data_files, stale), hide_index=True, width="stretch")
        st.subheader("Totals per contract")
        st.dataframe(totals_frame(data_files), hide_index=True, width="stretch")
    catalogue = [r for r in reports if r.origin != "data"]
    if catalogue:
        with st.expander("National catalogue shipped with the dashboard"):
            st.dataframe(inventory_frame(catalogue, {}), hide_index=True, width="stretch")


def _findings_section(findings: pd.DataFrame) -> None:
    st.header("Validation findings")
    errors = findings[findings["severity"] == "error"]
    warnings = findings[findings["severity"] != "error"]
    if findings.empty:
        st.success("No findings: every row of every file was read.")
    else:
        st.download_button(
            "Download findings (CSV)",
            data=to_safe_csv(findings),
            file_name="findings.csv",
            mime="text/csv",
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


state.refresh()  # cheap (stat only); the page also works without the entry point
store = state.get_store()
st.title(PAGE_TITLE)
st.caption(f"Data folder: {store.data_dir}")
_data_as_at_section(store)
_reports = store.files()
_demo_note(_reports)
_upload_section(store)
_inventory_section(_reports)
_findings_section(store.findings())
