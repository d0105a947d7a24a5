"""The audit log: append-only entries, filtered, exported as safe CSV; on both backends."""

from __future__ import annotations

import csv
import io

from impact.records import audit
from impact.records.audit import AuditLog, open_audit
from tests.pg_cluster import NewRecords, pg_server, records_env  # noqa: F401


def test_entries_come_back_in_order_with_who_what_and_when(records_env: NewRecords) -> None:  # noqa: F811
    log = open_audit(records_env())
    before = audit.utc_now()
    log.record("analyst@trust.nhs.uk", audit.UPLOADED, "rtt_2030_03.csv", "sha256 ab12, 2 MB")
    log.record("chair@trust.nhs.uk", audit.DOWNLOADED_PACK, "RXX01 March 2030")
    log.record(None, audit.SIGNED_IN, None)
    entries = log.entries()
    assert [(e.actor, e.action, e.target, e.detail) for e in entries] == [
        ("analyst@trust.nhs.uk", "uploaded", "rtt_2030_03.csv", "sha256 ab12, 2 MB"),
        ("chair@trust.nhs.uk", "downloaded pack", "RXX01 March 2030", None),
        ("anonymous", "signed in", None, None),
    ]
    assert all(before <= e.recorded_at <= audit.utc_now() for e in entries)
    assert [e.entry_id for e in entries] == sorted({e.entry_id for e in entries})
    assert [e.target for e in log.entries(action=audit.UPLOADED)] == ["rtt_2030_03.csv"]
    assert [e.action for e in log.entries(actor="chair@trust.nhs.uk")] == ["downloaded pack"]


def test_the_api_offers_no_way_to_change_or_remove_an_entry() -> None:
    public = {name for name in dir(AuditLog) if not name.startswith("_")}
    assert public == {"record", "entries", "export_csv"}


def test_export_is_csv_with_formulas_neutralised(records_env: NewRecords) -> None:  # noqa: F811
    log = open_audit(records_env())
    log.record("=cmd|' /C calc'!A0", audit.UPLOADED, "@evil.csv")
    rows = list(csv.reader(io.StringIO(log.export_csv().decode("utf-8-sig"))))
    assert rows[0] == ["entry_id", "recorded_at", "actor", "action", "target", "detail"]
    assert rows[1][2].startswith("'=") and rows[1][4] == "'@evil.csv"
    assert rows[1][1].endswith("Z")


def test_an_empty_data_folder_has_an_empty_log_and_no_file(records_env: NewRecords) -> None:  # noqa: F811
    folder = records_env()
    assert open_audit(folder).entries() == []
    assert open_audit(folder).export_csv().decode("utf-8-sig").startswith("entry_id,")
