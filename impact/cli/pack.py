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
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from impact import pack
from impact.filters import OrgTree, default_period, month_starts, month_text, parse_month
from impact.pack import pdf
from impact.question_log import QuestionLogError, open_log
from impact.store import open_store

HELP = "Build the board pack (self-contained HTML or PDF) for one organisation and period."
FORMATS = (".html", ".pdf")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--org", required=True, help="organisation code, e.g. RXX01")
    parser.add_argument(
        "--from", dest="period_from", help="first month, YYYY-MM (default: 36 months back)"
    )
    parser.add_argument("--to", dest="period_to", help="last month, YYYY-MM (default: latest)")
    parser.add_argument(
        "--out", required=True, help="output file: board-pack.pdf or board-pack.html"
    )
    parser.add_argument("--data", help="data folder (default: IMPACT_DATA_DIR or data/)")


def _fail(message: str, code: int) -> int:
    print(f"pack: {message}", file=sys.stderr)
    return code


def _write_atomic(path: Path, content: bytes) -> None:
    """Write via a temporary file in the same folder, so no reader sees half a pack."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        return _fail(f"--out must end in .html or .pdf, not {out.name!r}.", 2)
    chromium = None
    if suffix == ".pdf":
        try:
            chromium = pdf.find_chromium()
        except pdf.ChromiumNotFound as error:
            return _fail(str(error), 1)

    store = open_store(args.data)
    tree = OrgTree.from_frame(store.query("board_org_tree"))
    if args.org not in tree:
        return _fail(
            f"organisation {args.org!r} is not in the data folder {store.data_dir}. "
            "Run `python -m impact check` to see which organisations it holds.",
            2,
        )
    months = month_starts(store.query("board_periods")["month"])
    default_from, default_to = default_period(months)
    chosen = []
    for flag, raw, default in (
        ("--from", args.period_from, default_from),
        ("--to", args.period_to, default_to),
    ):
        if raw is None:
            chosen.append(default)
            continue
        parsed = parse_month(raw)
        if parsed is None:
            return _fail(f"{flag} {raw!r} is not a month; expected YYYY-MM.", 2)
        chosen.append(parsed)
    period_from, period_to = chosen
    if period_from > period_to:
        return _fail(
            f"the period starts ({month_text(period_from)}) after it ends "
            f"({month_text(period_to)}).",
            2,
        )

    try:
        questions = open_log(args.data).questions(org_code=args.org)
    except QuestionLogError as error:
        print(f"pack: the question log could not be read ({error}); continuing without it.")
        questions = []
    board_pack = pack.assemble_pack(
        store.query,
        args.org,
        period_from,
        period_to,
        files=store.files(),
        questions=questions,
        now=datetime.now(),
    )
    html = pack.render_html(board_pack)
    if suffix == ".pdf":
        try:
            content = pdf.html_to_pdf(html, chromium=chromium)
        except pdf.PdfRenderError as error:
            return _fail(str(error), 1)
    else:
        content = html.encode("utf-8")
    _write_atomic(out, content)
    print(
        f"Wrote {out} ({len(content) / 1024:,.0f} KB): {board_pack.org_name}, "
        f"{board_pack.period_label}. {board_pack.data_as_at}."
    )
    return 0
