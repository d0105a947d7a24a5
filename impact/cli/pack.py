"""``python -m impact pack``: build the board pack for the board papers, on a schedule.

An analyst publishes the pack with the board papers a week before the meeting, often from
a scheduled job, so the command needs no browser session: it reads the data folder, builds
exactly the pack the dashboard's "Download board pack" gives for the same organisation and
period, and writes HTML (``.html``, opens offline anywhere) or PDF (``.pdf``, printed by
the system's Chromium). Exit codes: 0 written, 1 the pack could not be produced (no
Chromium for a PDF, Chromium failed), 2 the arguments do not fit the data.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from impact import pack
from impact.atomic import write_atomic
from impact.cli._arguments import (
    ArgumentProblem,
    add_data_argument,
    add_org_argument,
    add_period_arguments,
    board_scope,
    fail,
)
from impact.pack import pdf
from impact.question_log import QuestionLogError, open_log

HELP = "Build the board pack (self-contained HTML or PDF) for one organisation and period."
FORMATS = (".html", ".pdf")
#: The exit code when the arguments are good but no pack could be made (no Chromium, or
#: Chromium failed).
NOT_PRODUCED = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_org_argument(parser)
    add_period_arguments(parser)
    parser.add_argument(
        "--out", required=True, help="output file: board-pack.pdf or board-pack.html"
    )
    add_data_argument(parser)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        return fail("pack", f"--out must end in .html or .pdf, not {out.name!r}.")
    chromium = None
    if suffix == ".pdf":
        try:
            chromium = pdf.find_chromium()
        except pdf.ChromiumNotFound as error:
            return fail("pack", str(error), NOT_PRODUCED)
    try:
        scope = board_scope(args)
    except ArgumentProblem as problem:
        return fail("pack", str(problem))
    try:
        questions = open_log(args.data).questions(org_code=scope.org_code)
    except QuestionLogError as error:
        print(f"pack: the question log could not be read ({error}); continuing without it.")
        questions = []
    board_pack = pack.assemble_pack(
        scope.store.query,
        scope.org_code,
        scope.period_from,
        scope.period_to,
        files=scope.store.files(),
        questions=questions,
        now=datetime.now(),
    )
    html = pack.render_html(board_pack)
    if suffix == ".pdf":
        try:
            content = pdf.html_to_pdf(html, chromium=chromium)
        except pdf.PdfRenderError as error:
            return fail("pack", str(error), NOT_PRODUCED)
    else:
        content = html.encode("utf-8")
    write_atomic(out, content)
    print(
        f"Wrote {out} ({len(content) / 1024:,.0f} KB): {board_pack.org_name}, "
        f"{board_pack.period_label}. {board_pack.data_as_at}."
    )
    return 0
