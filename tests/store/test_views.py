"""The views pages query: every file's rows, the national catalogue, and an analyst's own."""

from __future__ import annotations

from impact.store import CATALOGUE_PREFIX
from tests.extracts import findings_for, rows, write
from tests.store.conftest import make


def test_the_national_catalogue_is_loaded_and_an_analyst_file_overrides_it(folders) -> None:
    data = folders[0]
    store = make(folders)
    assert rows(store, "SELECT metric_id FROM metrics ORDER BY 1") == [("m_count",), ("m_pct",)]
    assert rows(store, "SELECT count(*) FROM targets") == [(2,)]
    write(
        data / "local" / "my_metrics.csv",
        "metric_id,metric_name,priority,board_question,unit,improvement_direction,frequency\n"
        "m_pct,Our own definition,uec,Is it ours?,percent,increase,month\n",
    )
    write(
        data / "local" / "my_targets.csv",
        "metric_id,org_code,target_value,effective_from\nm_pct,T01,85,2024-04-01\n",
    )
    store.refresh()
    assert rows(store, "SELECT metric_id, metric_name, source_file FROM metrics ORDER BY 1") == [
        ("m_count", "A count", CATALOGUE_PREFIX + "metrics.csv"),
        ("m_pct", "Our own definition", "local/my_metrics.csv"),
    ]
    assert rows(store, "SELECT org_code, target_value FROM targets") == [("T01", 85.0)]
    reasons = [f[3] for f in findings_for(store, "local/my_metrics.csv")]
    assert any("replace the national catalogue" in r for r in reasons)


def test_a_contract_no_file_holds_still_has_its_typed_view(folders) -> None:
    store = make(folders)
    assert rows(store, "SELECT count(*) FROM events") == [(0,)]
    types = dict(rows(store, "SELECT column_name, column_type FROM (DESCRIBE events)"))
    assert types == {
        "metric_id": "VARCHAR",
        "org_code": "VARCHAR",
        "event_date": "DATE",
        "description": "VARCHAR",
        "rebase": "BOOLEAN",
        "source_file": "VARCHAR",
    }
