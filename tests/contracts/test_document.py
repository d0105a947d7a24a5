"""The contracts document: generated from the contracts, written between its markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from impact.contracts import CONTRACTS, SELF_ASSESSMENT
from impact.contracts.document import (
    BEGIN,
    END,
    README,
    render_contract,
    render_contracts,
    section_of,
    update_readme,
)


def test_a_contract_is_rendered_with_its_rules_in_words() -> None:
    text = render_contract(SELF_ASSESSMENT)
    assert text.startswith("### `self_assessment`: NHS IMPACT self-assessment")
    assert "| `score` | DOUBLE (a number) | yes | 1 to 5 |" in text
    assert "Key (unique together): `org_code`, `assessment_date`, `component`." in text
    assert "```csv\norg_code,assessment_date,component,score,evidence\n" in text


def test_every_contract_is_in_the_document() -> None:
    text = render_contracts()
    assert text.startswith(f"## Contracts\n\n{len(CONTRACTS)} contracts.")
    assert all(f"### `{name}`" in text for name in CONTRACTS)


def test_the_committed_readme_is_up_to_date() -> None:
    assert section_of(README.read_text(encoding="utf-8")) == render_contracts()


def test_update_rewrites_only_between_the_markers(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(f"# Data\n\nkept\n\n{BEGIN}\nold\n{END}\n\nalso kept\n", encoding="utf-8")
    assert update_readme(path) is True
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Data\n\nkept\n\n") and text.endswith(f"{END}\n\nalso kept\n")
    assert section_of(text) == render_contracts()
    assert update_readme(path) is False  # already up to date


def test_a_readme_without_markers_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("# Data\n", encoding="utf-8")
    with pytest.raises(ValueError, match="markers"):
        update_readme(path)
