"""Hostile extracts, as an analyst (or an attacker) might drop them into the data folder.

Each case is a file's bytes and the one finding it must get: line (``None`` for a problem
with the file as a whole), column and words of the reason. Every case is dropped beside a
good sibling (:data:`GOOD`, with the organisations it names), which must still load.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.extracts import OBS_HEADER

PROJECTS_HEADER = "project_id,org_code,title,priority,metric_id,status,start_date\n"


def project(pid: str, title: str, status: str = "active") -> str:
    return f"{pid},T01,{title},uec,m_pct,{status},2025-01-01\n"


ORGS = (
    "org_code,org_name,org_type,parent_code\n"
    "Y01,Region,region,\nQ01,ICB,icb,Y01\nT01,Trust,trust,Q01\n"
)
METRICS = (
    "metric_id,metric_name,priority,board_question,unit,improvement_direction,frequency\n"
    "m_pct,A percentage,uec,Is it good?,percent,increase,month\n"
)
#: The good sibling: its rows must be served whatever the hostile file holds.
GOOD = OBS_HEADER + "m_pct,T01,2024-01-01,70,,\nm_pct,T01,2024-02-01,71,,\n"


@dataclass(frozen=True)
class Case:
    """One hostile file and the finding it must get (``rows`` good rows still loaded)."""

    name: str
    data: bytes
    line: int | None
    column: str
    reason: str
    rows: int = 0


def _obs(*rows: str) -> bytes:
    return (OBS_HEADER + "".join(r + "\n" for r in rows)).encode()


CASES = [
    Case(
        "extra_empty_fields",
        _obs("m_pct,T01,2024-03-01,70,,", "m_pct,T01,2024-04-01,70,,,,"),
        3,
        "",
        "the row has more fields than the header (expected 6, found 8)",
        rows=1,
    ),
    Case(
        "extra_value",
        _obs("m_pct,T01,2024-03-01,70,,,9", "m_pct,T01,2024-04-01,70,,"),
        2,
        "",
        "the row has more fields than the header (expected 6, found 7)",
        rows=1,
    ),
    Case(
        "million_digits",
        _obs("m_pct,T01,2024-03-01,70,,", "m_pct,T01,2024-04-01," + "9" * 1_000_000 + ",,"),
        3,
        "value",
        "`value` = `inf` is not a finite number",
        rows=1,
    ),
    Case("infinity", _obs("m_pct,T01,2024-03-01,-inf,,"), 2, "value", "is not a finite number"),
    Case("not_a_number", _obs("m_pct,T01,2024-03-01,nan,,"), 2, "value", "`nan` is not a finite"),
    Case("overflow", _obs("m_pct,T01,2024-03-01,1e999,,"), 2, "value", "is not a finite number"),
    Case(
        "repeated_column",
        b"metric_id,org_code,period_start,Value,numerator,value \nm_pct,T01,2024-03-01,1,,2\n",
        None,
        "",
        "columns 4 (`Value`) and 6 (`value`) are both named `value`",
    ),
    Case(
        "typo_metric_id",
        _obs("m_pct,T01,2024-03-01,70,,", "m_pcx,T01,2024-04-01,70,,"),
        3,
        "metric_id",
        "`metric_id` = `m_pcx` (1 row(s)) is not in the metrics catalogue or any metrics "
        "extract: those rows are not used; did you mean `m_pct`?",
        rows=1,
    ),
    Case(
        "unknown_org_code",
        _obs("m_pct,T01,2024-03-01,70,,", "m_pct,t01,2024-04-01,70,,"),
        3,
        "org_code",
        "not in any organisations extract or publication: those rows are not used; "
        "did you mean `T01`?",
        rows=1,
    ),
    Case(
        "utf16_with_bom",
        GOOD.replace("2024", "2023").encode("utf-16"),
        None,
        "",
        "the file is UTF-16 text",
    ),
    Case(
        "latin1_pound_sign",
        (PROJECTS_HEADER + project("P1", "Save £5k") + project("P2", "ok")).encode("latin-1"),
        2,
        "title",
        "the row is not valid UTF-8 text",
        rows=1,
    ),
    Case(
        "mixed_encodings",
        (PROJECTS_HEADER + project("P1", "Café")).encode()
        + project("P2", "Café £5k").encode("latin-1")
        + project("P3", "naïve").encode(),
        3,
        "title",
        "the row is not valid UTF-8 text",
        rows=2,
    ),
    Case(
        "utf8_bom_and_a_bad_date",
        b"\xef\xbb\xbf" + _obs("m_pct,T01,2024-03-01,70,,", "m_pct,T01,2024-13-01,70,,"),
        3,
        "period_start",
        "`period_start` = `2024-13-01` is not a date",
        rows=1,
    ),
    Case(
        "unbalanced_quote",
        _obs('m_pct,"T01,2024-03-01,70,,', "m_pct,T01,2024-04-01,70,,"),
        2,
        "org_code",
        "a value has a stray quote mark",
    ),
    Case(
        "line_breaks_inside_quotes",
        (
            PROJECTS_HEADER
            + project("P1", '"two\nlines"')
            + "\n"
            + project("P2", '"three\nmore\nlines"')
            + project("P3", "ok", status="bogus")
        ).encode(),
        8,
        "status",
        "`status` = `bogus` is not one of",
        rows=2,
    ),
    Case(
        "crlf_line_ends",
        _obs("m_pct,T01,2024-03-01,70,,", "m_pct,T01,2024-04-01,x,,").replace(b"\n", b"\r\n"),
        3,
        "value",
        "`value` = `x` is not a number",
        rows=1,
    ),
    Case(
        "cr_only_line_ends",
        _obs("m_pct,T01,2024-03-01,70,,", "m_pct,T01,2024-04-01,x,,").replace(b"\n", b"\r"),
        3,
        "value",
        "`value` = `x` is not a number",
        rows=1,
    ),
    Case("empty_file", b"", None, "", "the file is empty"),
    Case("blank_first_line", b"\n" + _obs("m_pct,T01,2024-03-01,70,,"), None, "", "first line"),
    Case(
        "binary_renamed_csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        None,
        "",
        "the file is not text",
    ),
    Case(
        "not_utf8_binary",
        bytes(range(128, 256)) * 8,
        None,
        "",
        "the file is not UTF-8 text",
    ),
]

#: Text that must be kept exactly as written (and escaped where it is shown or downloaded).
FORMULA = "=cmd|' /C calc'!A0"
SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"
