"""Print a board pack (self-contained HTML) to PDF with the system's headless Chromium.

Board papers go out as PDF. Chromium prints the very HTML the board downloads, so the
printed pack and the on-screen pack cannot disagree: A4 landscape, page breaks and the
running header/footer (organisation, period, "data as at", page X of Y) come from the
pack's own ``@page`` CSS, which Chromium honours when printing. The charts need no
separate image export either: the printed copy carries them as SVG (below).

Drawing the charts with plotly.js was most of a print's time, so the printed copy
(:func:`print_copy`) has each chart drawn as static SVG from the very figure JSON the
interactive chart is drawn from (:mod:`impact.charts.static_svg`), and no script at all:
paper needs none of the hover, zoom and drag the screen has. Should a chart use something
the SVG renderer does not draw, the whole copy instead keeps plotly.js with charts set
static, so nothing is ever left off the paper.

Chromium is found as ``IMPACT_CHROMIUM``, else ``chromium`` or ``chromium-browser`` on the
PATH (Debian's package). It runs with networking features off and a throw-away profile, so
printing never touches the network or the user's browser profile.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from impact.charts.static_svg import UnsupportedFigure, figure_svg

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
#: One chart as plotly's HTML export writes it: its ``div`` and the inline script that
#: draws it (plotly escapes ``/`` in its JSON, so the script's text holds no ``</script>``).
_CHART = re.compile(
    r'<div id="(?P<id>[^"]+)" class="plotly-graph-div"[^>]*></div>\s*'
    r"<script\b[^>]*>(?P<script>.*?)</script>",
    re.DOTALL,
)
#: Any script element; in HTML a script's text ends at the first ``</script>``.
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)
#: The drawing width of a printed chart in CSS pixels: the pack's column on A4 landscape.
PRINT_CHART_WIDTH = 1000


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


def chart_figure(script: str, div_id: str) -> dict:
    """The figure JSON (``data`` and ``layout``) that a chart's inline script draws."""
    call = script.find("Plotly.newPlot(")
    start = script.find(json.dumps(div_id), call) if call >= 0 else -1
    if start < 0:
        raise UnsupportedFigure(f"no Plotly.newPlot call for {div_id!r}")
    decoder = json.JSONDecoder()
    try:
        at = script.index(",", start + len(json.dumps(div_id))) + 1
        data, at = decoder.raw_decode(script, _skip_space(script, at))
        at = script.index(",", at) + 1
        layout, _ = decoder.raw_decode(script, _skip_space(script, at))
    except (ValueError, IndexError) as unreadable:
        raise UnsupportedFigure(f"unreadable chart {div_id!r}: {unreadable}") from None
    if not isinstance(data, list) or not isinstance(layout, dict):
        raise UnsupportedFigure(f"unexpected chart arguments for {div_id!r}")
    return {"data": data, "layout": layout}


def _skip_space(text: str, at: int) -> int:
    while text[at].isspace():
        at += 1
    return at


def svg_copy(html: str) -> str:
    """The pack with every plotly chart replaced by its static SVG and no script left;
    :class:`UnsupportedFigure` if a chart uses something the SVG renderer does not draw."""

    def chart(match: re.Match[str]) -> str:
        div_id = match["id"]
        figure = chart_figure(match["script"], div_id)
        return (
            f'<div id="{div_id}" class="static-chart">'
            f"{figure_svg(figure, width=PRINT_CHART_WIDTH, key=div_id)}</div>"
        )

    drawn = _CHART.sub(chart, html)
    if "plotly-graph-div" in drawn:
        # A chart not written as expected would be left blank once the scripts go.
        raise UnsupportedFigure("a plotly chart not in the form plotly's export writes")
    return _SCRIPT.sub("", drawn)


def print_copy(html: str) -> str:
    """The HTML Chromium prints: the pack with its charts as static SVG and no script (see
    the module's docstring); failing that, with plotly's charts drawn static. A document
    without a ``<body>`` tag is printed as it is."""
    try:
        return svg_copy(html)
    except UnsupportedFigure:
        return plotly_static_copy(html)


def plotly_static_copy(html: str) -> str:
    """The pack with plotly.js told to draw every chart static (no hover or zoom layers)."""
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
