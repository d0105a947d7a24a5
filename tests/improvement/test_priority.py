"""A project's priority in words: the board's priorities, capability work, unknown keys kept."""

from __future__ import annotations

import pandas as pd

from impact.improvement.priority import PRIORITY_WORDS, priority_words
from impact.priorities import PRIORITY_TITLES


def test_priorities_read_as_the_board_names_them_and_unknown_keys_are_kept() -> None:
    keys = pd.Series(["uec", "improvement", "estates"])
    assert priority_words(keys).tolist() == [
        PRIORITY_TITLES["uec"],
        "Improvement capability",
        "estates",
    ]
    assert set(PRIORITY_TITLES) < set(PRIORITY_WORDS)
