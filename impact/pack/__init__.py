"""The board pack: one self-contained HTML file a board reads before and during its meeting.

The package walks in the order a pack is made:

* :mod:`~impact.pack.model` – what a pack holds (plain records, already answered);
* :mod:`~impact.pack.assemble` – gathers the answers from the board pages' own functions,
  with :mod:`~impact.pack.summaries` (improvement, capability) and
  :mod:`~impact.pack.guide` ("How to read these charts");
* :mod:`~impact.pack.render` – lays the pack out as HTML, from the safe pieces of
  :mod:`~impact.pack.markup` (every extract text escaped there) and the style sheet
  ``pack.css``;
* :mod:`~impact.pack.pdf` – prints that HTML to PDF with the system's Chromium.
"""

from impact.pack.assemble import assemble_pack
from impact.pack.markup import css_string, esc
from impact.pack.model import BoardPack
from impact.pack.render import render_html

__all__ = [
    "BoardPack",
    "assemble_pack",
    "css_string",
    "esc",
    "render_html",
]
