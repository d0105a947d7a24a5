"""The recovery priorities a board reviews, and their titles.

The board pages, meeting mode, the board pack and the command line step through the same
priorities in the same order, so the list lives here once. (The catalogue's
``improvement`` metrics have their own pages and are not a board priority.)
"""

from __future__ import annotations

#: Priorities a board reviews, in the order every page shows them.
BOARD_PRIORITIES: tuple[str, ...] = ("elective", "uec", "primary_care")
#: Each priority's title, as headings and menus write it.
PRIORITY_TITLES: dict[str, str] = {
    "elective": "Elective care",
    "uec": "Urgent & emergency care",
    "primary_care": "Primary care",
}
