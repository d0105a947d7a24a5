"""Segments: the contiguous facet x rebase-group runs of the sorted table.

Each segment has limits of its own; every rule is computed over many segments at once and a
window that would reach across a segment start is ruled out. The table is worked on in
chunks of whole segments so temporaries stay small and in cache.
"""

from __future__ import annotations

import numpy as np

from impact.spc.frame import Frame

#: Rows worked on at once: small enough for every temporary to stay in the processor's cache.
CHUNK_ROWS = 1 << 16


class Segments:
    """Contiguous facet x rebase-group runs of the sorted table."""

    def __init__(self, frame: Frame, rebase_flag: np.ndarray | None) -> None:
        self.frame = frame
        self.n = frame.n
        self.rebase_flag = rebase_flag
        if rebase_flag is None:
            self.start, self.length = frame.facet_start, frame.facet_length
        else:
            is_start = rebase_flag.copy()
            is_start[frame.facet_start] = True
            self.start = np.flatnonzero(is_start)
            self.length = np.diff(np.append(self.start, self.n))
        self.end = self.start + self.length

    def rebase_group(self) -> np.ndarray:
        """Each point's rebase group within its facet: 0, then 1, 2... after each rebase."""
        if self.rebase_flag is None:
            return np.zeros(self.n, dtype=np.int32)
        r = self.rebase_flag.astype(np.int32)
        cs = np.cumsum(r, dtype=np.int32)
        before = (cs - r)[self.frame.facet_start]
        return cs - np.repeat(before, self.frame.facet_length)

    def chunks(self) -> list[tuple[int, int]]:
        """Runs of whole segments (first, stop) of about :data:`CHUNK_ROWS` rows each."""
        out: list[tuple[int, int]] = []
        first, n_seg = 0, len(self.start)
        while first < n_seg:
            limit = self.start[first] + CHUNK_ROWS
            stop = max(int(np.searchsorted(self.end, limit, side="right")), first + 1)
            out.append((first, stop))
            first = stop
        return out
