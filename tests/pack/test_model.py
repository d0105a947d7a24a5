"""The pack's records: the running header every printed page carries."""

from __future__ import annotations

from datetime import datetime

from impact.pack.model import BoardPack


def test_running_header_names_organisation_code_and_period() -> None:
    content = BoardPack(
        org_code="RXX01",
        org_name="Example Trust",
        period_label="Apr 2024 to Mar 2025",
        data_as_at="Data as at Mar 2025",
        data_as_at_detail="",
        generated_at=datetime(2025, 4, 2),
        priorities=(),
        ipr_columns=(),
        icon_guide=(),
        sources=(),
    )
    assert content.running_header == "Example Trust (RXX01) · Apr 2024 to Mar 2025"
