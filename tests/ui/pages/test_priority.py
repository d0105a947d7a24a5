"""The priority pages in AppTest: every metric's chart, peers and downloads; filters survive."""

from __future__ import annotations

import pytest

from tests.ui.apps import dashboard

pytestmark = pytest.mark.usefixtures("demo_env")


@pytest.mark.parametrize(
    ("page", "title", "org"),
    [
        ("views/elective.py", "Elective care", "XRA05"),
        ("views/uec.py", "Urgent & emergency care", "XRA05"),
        ("views/primary_care.py", "Primary care", "XQA"),
    ],
)
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


def test_comparing_adds_the_icb_and_region_figures_and_their_download():
    at = dashboard(org="XRA05", compare="1")
    at.switch_page("views/uec.py").run()
    assert not at.exception, [e.value for e in at.exception]
    labels = [d.proto.label for d in at.get("download_button")]
    assert any(label.startswith("Download the ICB and region comparison") for label in labels)
    assert any(label.startswith("Download the peer comparison") for label in labels)
