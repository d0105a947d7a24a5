"""The variation icon: the last point's type and the side the process moved to."""

from __future__ import annotations

import pytest

from impact.spc import VARIATION, VARIATION_ICONS, spc_summary, variation_icon_name
from tests.spc.helpers import BASELINE, run


@pytest.mark.parametrize(
    ("tail", "direction", "icon"),
    [
        ([20.0], "increase", "improvement_high"),
        ([20.0], "decrease", "concern_high"),
        ([0.0], "increase", "concern_low"),
        ([0.0], "decrease", "improvement_low"),
        ([20.0], "neutral", "neutral_high"),
        ([0.0], "neutral", "neutral_low"),
        ([10.5], "increase", "common_cause"),
    ],
)
def test_variation_icon_is_the_last_points_type(
    tail: list[float], direction: str, icon: str
) -> None:
    points = run([*BASELINE, *tail], fix_after_n_points=12, improvement_direction=direction)
    variation = str(spc_summary(points)["variation_type"].iloc[0])
    assert variation_icon_name(variation, direction) == icon


def test_every_icon_has_a_label_and_a_short_word() -> None:
    assert VARIATION_ICONS[0] == "common_cause" and len(VARIATION_ICONS) == 7
    for words in VARIATION.values():
        assert words.label and words.short and len(words.short) < len(words.label)
