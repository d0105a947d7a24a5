"""The priority pages in AppTest: every metric's chart, peers and downloads; filters survive."""

from __future__ import annotations

import pytest

from tests.ui.apps import dashboard

pytestmark = pytest.mark.usefixtures("demo_env")


def test_priority_pages(page, title, org):
    at = dashboard(org=org, **{"from": "2024-01"})
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == [title]
    assert at.query_params["org"] in (org, [org])  # filters survive the page switch
    assert at.sidebar.selectbox(key="f_from").value.isoformat() == "2024-01-01"
    headers = [h.value for h in at.header]
    assert headers and all(h.endswith("?") for h in headers if h != "Filters")
    downloads = at.get("download_button")
    assert len(downloads) >= len(headers) - 1
    assert any(s.value.startswith("Peer comparison") for s in at.subheader)
