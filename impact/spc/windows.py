"""Sliding windows over boolean flags, as shifted ANDs and ORs (no per-point loop).

"7 in a row" is the AND of a flag shifted by 0..6; spans double at each step, so a window of
``k`` costs about log2(k) passes over the table.
"""

from __future__ import annotations

import numpy as np


def all_of_last(flag: np.ndarray, k: int) -> np.ndarray:
    """True where ``flag`` holds at this row and the ``k - 1`` rows before it."""
    out, span = flag, 1
    while span < k:
        step = min(span, k - span)
        both = np.zeros_like(out)
        np.logical_and(out[step:], out[:-step], out=both[step:])
        out, span = both, span + step
    return out


def any_of_last(flag: np.ndarray, k: int) -> np.ndarray:
    """True where ``flag`` holds at this row or one of the ``k - 1`` rows before it."""
    out, span = flag, 1
    while span < k:
        step = min(span, k - span)
        either = out.copy()
        either[step:] |= out[:-step]
        out, span = either, span + step
    return out


def any_of_next(flag: np.ndarray, k: int) -> np.ndarray:
    """True where ``flag`` holds at this row or one of the ``k - 1`` rows after it."""
    out, span = flag, 1
    while span < k:
        step = min(span, k - span)
        either = out.copy()
        either[:-step] |= out[step:]
        out, span = either, span + step
    return out
