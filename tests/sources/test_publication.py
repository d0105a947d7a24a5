"""Declared readers: the declaration is checked when it is written, a file is read by the
layout its header has, and statements get exactly the parameters they are declared with."""

from __future__ import annotations

from pathlib import Path

import pytest

from impact.sources import ods_trusts
from impact.sources.publication import Layout, Statement, publication
from impact.sql import QueryError


def test_a_statement_may_only_ask_for_parameters_readers_provide() -> None:
    assert Statement("ods_trusts_organisations", "path").params == ("path",)
    with pytest.raises(ValueError, match="no reader parameter"):
        Statement("ods_trusts_organisations", "org_code")


def test_outputs_over_a_rows_statement_take_no_parameters() -> None:
    with pytest.raises(ValueError, match="alias"):
        Layout({"a"}, {"observations": Statement("x")}, rows=Statement("y", "path"))
    with pytest.raises(ValueError, match="no parameters"):
        Layout(
            {"a"},
            {"observations": Statement("x", "path")},
            rows=Statement("y", "path", alias="rows"),
        )


def test_a_declaration_that_disagrees_with_its_sql_fails_loudly(con, tmp_path: Path) -> None:
    wrong = publication(
        "wrong",
        "A region list declared without its path",
        Layout(
            {"region_code", "region_name"},
            {"organisations": Statement("ods_regions_organisations")},
        ),
    )
    path = tmp_path / "regions.csv"
    path.write_text("region_code,region_name\nY56,NHS ENGLAND LONDON\n", encoding="utf-8")
    with pytest.raises(QueryError, match="missing \\['path'\\]"):
        wrong.outputs(con, path)


def test_the_layout_is_chosen_by_the_file_header(con, tmp_path: Path) -> None:
    regions = tmp_path / "regions.csv"
    regions.write_text("region_code,region_name\nY60,NHS ENGLAND MIDLANDS\n", encoding="utf-8")
    icbs = tmp_path / "icbs.csv"
    icbs.write_text(
        "icb_code,icb_name,region_code,region_name\n"
        "QHL,NHS BIRMINGHAM AND SOLIHULL INTEGRATED CARE BOARD,Y60,NHS ENGLAND MIDLANDS\n",
        encoding="utf-8",
    )
    got = {
        path.name: sorted(ods_trusts.READER.outputs(con, path)["organisations"].fetchall())
        for path in (regions, icbs)
    }
    assert got["regions.csv"] == [
        ("ENG", "England", "nation", None, None),
        ("Y60", "NHS England Midlands", "region", "ENG", 2),
    ]
    assert ("QHL", "NHS Birmingham and Solihull Integrated Care Board", "icb", "Y60", 2) in got[
        "icbs.csv"
    ]


def test_a_file_of_none_of_the_layouts_is_refused(con, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("code,name\nX,Y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="none of this publication's layouts"):
        ods_trusts.READER.outputs(con, path)
