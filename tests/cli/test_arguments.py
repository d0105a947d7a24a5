"""The arguments answer and pack share: one organisation and period, checked one way."""

from __future__ import annotations

import argparse
from datetime import date

import pytest

from impact import PROJECT_ROOT
from impact.cli._arguments import (
    ArgumentProblem,
    add_data_argument,
    add_org_argument,
    add_period_arguments,
    board_scope,
    fail,
)

DEMO = PROJECT_ROOT / "data" / "demo"


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMPACT_CACHE_DIR", str(tmp_path / "cache"))


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_org_argument(parser)
    add_period_arguments(parser)
    add_data_argument(parser)
    return parser.parse_args(["--data", str(DEMO), *argv])


def test_the_default_period_is_the_latest_24_months_with_data() -> None:
    scope = board_scope(_args("--org", "XRA03"))
    assert scope.org_code == "XRA03" and scope.tree.name("XRA03").startswith("Demo ")
    assert (scope.period_from, scope.period_to) == (date(2024, 10, 1), date(2026, 9, 1))


def test_months_are_read_as_the_first_of_the_month() -> None:
    scope = board_scope(_args("--org", "XRA03", "--from", "2024-04", "--to", "2025-03-31"))
    assert (scope.period_from, scope.period_to) == (date(2024, 4, 1), date(2025, 3, 1))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--org", "NOPE"), "unknown organisation 'NOPE': it is not in the data folder"),
        (("--org", "XRA03", "--from", "April"), "--from 'April' is not a month; expected YYYY-MM."),
        (("--org", "XRA03", "--to", "2025-00"), "--to '2025-00' is not a month; expected YYYY-MM."),
        (
            ("--org", "XRA03", "--from", "2025-03", "--to", "2024-04"),
            "the period starts (2025-03) after it ends (2024-04).",
        ),
    ],
)
def test_arguments_that_do_not_fit_the_data_are_refused_with_a_reason(argv, message) -> None:
    with pytest.raises(ArgumentProblem) as problem:
        board_scope(_args(*argv))
    assert message in str(problem.value)


def test_fail_names_the_command_on_standard_error(capsys) -> None:
    assert fail("pack", "no such month.") == 2
    assert fail("pack", "no Chromium.", 1) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == "pack: no such month.\npack: no Chromium.\n"
