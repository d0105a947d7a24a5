"""Print a board pack (self-contained HTML) to PDF with the system's headless Chromium.

Board papers go out as PDF. Chromium prints the very HTML the board downloads, so the
printed pack and the on-screen pack cannot disagree: A4 landscape, page breaks and the
running header/footer (organisation, period, "data as at", page X of Y) come from the
pack's own ``@page`` CSS, which Chromium honours when printing. Plotly's charts are drawn
by the inline plotly.js before Chromium prints, so they need no separate image export.

Drawing the charts is most of a print's time, so the printed copy (:func:`print_copy`) asks
plotly for static charts: paper needs none of the hover, zoom and drag layers it builds for
the screen. What is drawn, and so every word and line on the page, is the same.

Chromium is found as ``IMPACT_CHROMIUM``, else ``chromium`` or ``chromium-browser`` on the
PATH (Debian's package). It runs with networking features off and a throw-away profile, so
printing never touches the network or the user's browser profile.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

#: Names tried on the PATH, in order, after ``IMPACT_CHROMIUM``.
CHROMIUM_NAMES = ("chromium", "chromium-browser")
#: Flags for a headless Chromium on a machine with no network but loopback: no sandbox
#: (runs as root in containers), no GPU, and none of the background services that would
#: try, and fail, to reach Google. The browser tests launch Chromium with the same flags.
QUIET_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: Seconds allowed for one print before giving up (a large pack prints in a few seconds).
PRINT_TIMEOUT_S = 120
#: Milliseconds of virtual time Chromium lets scripts run before printing. Plotly draws
#: each chart as its inline script runs, before the page has loaded; the budget is for any
#: drawing left to timers. It is virtual time, fast-forwarded, but each millisecond of it
#: still costs real time on a page of thirty charts, so it is kept short.
SCRIPT_BUDGET_MS = 1000
#: Put into the printed copy, straight after ``<body>`` (plotly.js is in the head): every
#: chart is drawn static, without the layers only a pointer uses.
STATIC_CHARTS = "<script>if (window.Plotly) { Plotly.setPlotConfig({staticPlot: true}); }</script>"
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


class ChromiumNotFound(RuntimeError):
    """No Chromium to print with; the message says how to provide one."""


class PdfRenderError(RuntimeError):
    """Chromium ran but produced no PDF."""


def find_chromium() -> str:
    """The Chromium executable to print with, or :class:`ChromiumNotFound` saying what to do."""
    configured = os.environ.get("IMPACT_CHROMIUM", "").strip()
    if configured:
        found = shutil.which(configured)
        if found:
            return found
        raise ChromiumNotFound(
            f"IMPACT_CHROMIUM is set to {configured!r}, but no executable is there. "
            "Point it at a Chromium binary or unset it."
        )
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ChromiumNotFound(
        "PDF board packs need Chromium, and none was found (looked for IMPACT_CHROMIUM, "
        "'chromium' and 'chromium-browser'). On Debian or Ubuntu: sudo apt-get install "
        "chromium. Or produce the HTML pack instead (--out board-pack.html), which needs "
        "no browser and prints from any browser."
    )


def chromium_command(chromium: str, html_file: Path, pdf_file: Path, profile: Path) -> list[str]:
    """The headless print command: no network services, no first-run, a private profile."""
    return [
        chromium,
        "--headless",
        *QUIET_FLAGS,
        "--disable-extensions",
        "--disable-dev-shm-usage",
        "--window-size=1100,800",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        f"--virtual-time-budget={SCRIPT_BUDGET_MS}",
        f"--print-to-pdf={pdf_file}",
        html_file.resolve().as_uri(),
    ]


def print_copy(html: str) -> str:
    """The HTML Chromium prints: the pack with its charts drawn static (see the module's
    docstring); a document without a ``<body>`` tag is printed as it is."""
    match = _BODY_OPEN.search(html)
    if match is None:
        return html
    return html[: match.end()] + STATIC_CHARTS + html[match.end() :]


def html_to_pdf(html: str, *, chromium: str | None = None) -> bytes:
    """The PDF bytes of a self-contained HTML document, printed by headless Chromium."""
    executable = chromium or find_chromium()
    with tempfile.TemporaryDirectory(prefix="impact-pack-") as tmp:
        folder = Path(tmp)
        html_file = folder / "board-pack.html"
        pdf_file = folder / "board-pack.pdf"
        html_file.write_text(print_copy(html), encoding="utf-8")
        command = chromium_command(executable, html_file, pdf_file, folder / "profile")
        try:
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=PRINT_TIMEOUT_S,
                check=False,
                cwd=folder,
            )
        except subprocess.TimeoutExpired:
            raise PdfRenderError(
                f"Chromium did not finish printing within {PRINT_TIMEOUT_S} s."
            ) from None
        if not pdf_file.exists() or pdf_file.stat().st_size == 0:
            tail = "\n".join(result.stderr.strip().splitlines()[-5:])
            raise PdfRenderError(
                f"Chromium exited with code {result.returncode} and wrote no PDF. {tail}"
            )
        return pdf_file.read_bytes()
