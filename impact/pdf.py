"""Moved to :mod:`impact.pack.pdf`; this name stays for the browser tests' imports."""

from impact.pack.pdf import (  # noqa: F401  # shim: importers move at integration
    QUIET_FLAGS,
    ChromiumNotFound,
    PdfRenderError,
    find_chromium,
    html_to_pdf,
)
