"""The sliding windows every rule is built from, against a plain loop."""

from __future__ import annotations

import numpy as np
import pytest

from impact.spc.windows import all_of_last, any_of_last, any_of_next


@pytest.mark.parametrize("k", [1, 2, 3, 6, 7, 9])
def test_windows_match_a_loop(k: int) -> None:
    flag = np.random.default_rng(k).random(60) < 0.7
    n = len(flag)
    assert all_of_last(flag, k).tolist() == [
        i >= k - 1 and all(flag[i - k + 1 : i + 1]) for i in range(n)
    ]
    assert any_of_last(flag, k).tolist() == [any(flag[max(0, i - k + 1) : i + 1]) for i in range(n)]
    assert any_of_next(flag, k).tolist() == [any(flag[i : i + k]) for i in range(n)]
