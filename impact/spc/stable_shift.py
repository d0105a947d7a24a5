"""The Stable Shift Algorithm (autospc's ``create_SPC_auto_limits_table``) for many series at once.

A series' limits are first formed from its first ``period_min`` points and extended to the
end. The algorithm then walks forward to each rule-2 break (a run of ``shift_rule_threshold``
points on one side of the centre line) and tries new limits from there ("candidate limits"
over the next ``period_min`` points). It keeps them only if the shift is *stable*: no run
breaking rule 2 the other way starts inside the candidate period (judged against the
candidate's own centre line, counting runs that overhang its end when
``overhanging_reversions``), and, with ``no_regrets``, the candidate period does not end in a
run against the shift that lasts to the end of the data (more data could turn that into a
reversal, and a board should never see limits it later regrets). A rejected candidate moves on
one point (while still inside a long enough run) or to the next run. An accepted one is final:
the walk resumes after its calculation period.

Every series of one length is worked on together as rows of 2-D arrays; each pass of the loop
advances every series still walking by one step of autospc's loop, so the loop runs about as
many times as the busiest series needs, never once per series. Rule breaks are always counted
within a period (runs are cut where limits were recalculated), as autospc does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from impact.spc.stable_shift_limits import (
    UNPLACED,
    above_or_below,
    period_limits,
    run_starts,
    shift_points,
)

_NONE = np.iinfo(np.int64).max  # "no such position"


@dataclass(frozen=True)
class Options:
    """autospc's algorithm and SPC parameters (its defaults)."""

    period_min: int = 21
    baseline_length: int | None = None
    shift_rule_threshold: int = 8
    baseline_only: bool = False
    establish_every_shift: bool = False
    no_regrets: bool = True
    overhanging_reversions: bool = True
    max_exclusions: int = 3
    mr_screen_max_loops: float = 1
    centre_line_tolerance: float = 0.0

    @property
    def first_period(self) -> int:
        return self.period_min if self.baseline_length is None else self.baseline_length


@dataclass
class Periods:
    """Per point (rows = series, columns = points): limits and the period each belongs to."""

    cl: np.ndarray
    ucl: np.ndarray
    lcl: np.ndarray
    calculation: np.ndarray  # True in a calculation period, False in a display period
    excluded: np.ndarray  # left out of its calculation period's limits
    break_point: np.ndarray  # first point of a recalculated period
    side: np.ndarray  # 1 above the centre line, -1 below, 0 on it
    rule2: np.ndarray  # part of a run of shift_rule_threshold on one side
    run_start: np.ndarray
    shift_start: np.ndarray  # first point of a rule-2 run (autospc's startOfRule2Break)


def _first(mask: np.ndarray, nth: int = 1) -> np.ndarray:
    """Column of each row's ``nth`` True value, :data:`_NONE` where there are fewer."""
    hit = np.cumsum(mask, axis=1) == nth
    hit &= mask
    found = hit.any(axis=1)
    return np.where(found, hit.argmax(axis=1), _NONE)


def _window(values: np.ndarray | None, rows: np.ndarray, window: np.ndarray) -> np.ndarray | None:
    return None if values is None else np.take_along_axis(values[rows], window, axis=1)


def _at(values: np.ndarray, cols: np.ndarray) -> np.ndarray:
    return np.take_along_axis(values, cols[:, None], axis=1)[:, 0]


class _Walk:
    """The state of every series' walk: its current limits and rule breaks."""

    def __init__(
        self, y: np.ndarray, num: np.ndarray | None, den: np.ndarray | None, opts: Options
    ):
        self.y, self.num, self.den, self.opts = y, num, den, opts
        shape = y.shape
        self.cols = np.arange(shape[1])
        nan = np.full(shape, np.nan)
        self.periods = Periods(
            cl=nan,
            ucl=nan.copy(),
            lcl=nan.copy(),
            calculation=np.zeros(shape, dtype=bool),
            excluded=np.zeros(shape, dtype=bool),
            break_point=np.zeros(shape, dtype=bool),
            side=np.zeros(shape, dtype=np.int8),
            rule2=np.zeros(shape, dtype=bool),
            run_start=np.zeros(shape, dtype=bool),
            shift_start=np.zeros(shape, dtype=bool),
        )
        self.segment_start = np.zeros(shape, dtype=bool)
        self.segment_start[:, 0] = True

    def candidate(self, rows: np.ndarray, start: np.ndarray, width: int) -> tuple[np.ndarray, ...]:
        """Limits from ``width`` points at ``start`` on, extended to the end (form_*_limits)."""
        p, o = self.periods, self.opts
        window = start[:, None] + np.arange(width)
        yw, numw, denw = (_window(a, rows, window) for a in (self.y, self.num, self.den))
        cl, ucl_w, lcl_w, excl_w = period_limits(
            yw, denw, numw, o.max_exclusions, o.mr_screen_max_loops
        )
        cols = self.cols[None, :]
        end = start[:, None] + width
        calc = (cols >= start[:, None]) & (cols < end)
        shown = cols >= end
        cl_new = np.where(calc | shown, cl[:, None], p.cl[rows])
        if self.den is None:
            ucl_d = np.broadcast_to(ucl_w[:, -1:], cl_new.shape)
            lcl_d = np.broadcast_to(lcl_w[:, -1:], cl_new.shape)
        else:  # P': the last calculation point's spread, rescaled to each point's denominator
            spread = (ucl_w[:, -1] - cl) * np.sqrt(denw[:, -1])
            step = spread[:, None] / np.sqrt(self.den[rows])
            ucl_d = np.minimum(cl[:, None] + step, 100.0)
            lcl_d = np.maximum(cl[:, None] - step, 0.0)
        ucl_new = np.where(shown, ucl_d, p.ucl[rows])
        lcl_new = np.where(shown, lcl_d, p.lcl[rows])
        np.put_along_axis(ucl_new, window, ucl_w, axis=1)
        np.put_along_axis(lcl_new, window, lcl_w, axis=1)
        excl = np.where(shown, False, p.excluded[rows])
        np.put_along_axis(excl, window, excl_w, axis=1)
        calc_new = np.where(calc, True, np.where(shown, False, p.calculation[rows]))
        return cl_new, ucl_new, lcl_new, calc_new, excl

    def commit(
        self, rows: np.ndarray, cand: tuple[np.ndarray, ...], start: np.ndarray | None
    ) -> None:
        """Keep the candidate limits of ``rows`` and recount their rule breaks per period."""
        p, o = self.periods, self.opts
        p.cl[rows], p.ucl[rows], p.lcl[rows], p.calculation[rows], p.excluded[rows] = cand
        if start is not None:
            self.segment_start[rows, start] = True
            p.break_point[rows, start] = True
        side = above_or_below(self.y[rows], p.cl[rows], o.centre_line_tolerance)
        runs = run_starts(side, self.segment_start[rows])
        rule2 = shift_points(side, runs, o.shift_rule_threshold)
        first = np.zeros_like(rule2)
        first[:, 1:] = rule2[:, 1:] & (
            (rule2[:, 1:] != rule2[:, :-1]) | (side[:, 1:] * side[:, :-1] == -1)
        )
        p.side[rows], p.rule2[rows], p.run_start[rows], p.shift_start[rows] = (
            side,
            rule2,
            runs,
            first,
        )

    def next_break(self, rows: np.ndarray, counter: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The rule-2 break to try next and the one after it (autospc steps [4] and [5]).

        If the counter is inside a rule-2 run with at least ``shift_rule_threshold`` of its
        points still to come, the counter itself; otherwise the next run's first point.
        """
        p, thr = self.periods, self.opts.shift_rule_threshold
        after = self.cols[None, :] >= counter[:, None]
        next_run = _first(p.run_start[rows] & after)
        length = np.where(next_run == _NONE, self.y.shape[1], next_run) - counter
        inside = _at(p.rule2[rows], counter) & (length >= thr)
        starts = p.shift_start[rows] & after
        first, second = _first(starts), _first(starts, 2)
        return np.where(inside, counter, first), np.where(inside, _NONE, second)

    def opposite_break(
        self, rows: np.ndarray, start: np.ndarray, side: np.ndarray, direction: np.ndarray
    ) -> np.ndarray:
        """A rule-2 run against the shift starting inside the candidate period (step [6a])."""
        o = self.opts
        cols = self.cols[None, :]
        begin = cols == start[:, None]
        region = cols >= start[:, None]
        end = start[:, None] + o.period_min
        if not o.overhanging_reversions:
            begin = begin | (cols == end)
            region = region & (cols < end)
        rule2 = shift_points(side, run_starts(side, begin), o.shift_rule_threshold) & region
        new_run = np.zeros_like(region)
        new_run[:, 1:] = (side[:, 1:] != 0) & (side[:, 1:] != side[:, :-1])
        run_count = np.cumsum((new_run | begin) & region, axis=1)
        against = rule2 & (side != direction[:, None]) & (run_count > 1)
        first = _first(against)
        return (first != _NONE) & (first < start + o.period_min)

    def final_run_prevents(
        self, start: np.ndarray, side: np.ndarray, calc: np.ndarray, direction: np.ndarray
    ) -> np.ndarray:
        """No regrets: the candidate period ends in a run against the shift that lasts to the end.

        autospc looks at the last point of the calculation period not on the centre line (its
        calculation period joined to an immediately preceding one); if it is against the
        shift and every later point off the centre line is too, more data might complete a
        reversal, so the limits are not recalculated yet.
        """
        cols = self.cols[None, :]
        block_start = calc & ~np.pad(calc[:, :-1], ((0, 0), (1, 0)))
        first_calc = np.where(block_start & (cols <= start[:, None]), cols, -1).max(axis=1)
        placed = (side != 0) & (side != UNPLACED)
        end = (start + self.opts.period_min)[:, None]
        scope = placed & (cols >= first_calc[:, None]) & (cols < end)
        last = np.where(scope, cols, -1).max(axis=1)
        last_side = _at(side, np.maximum(last, 0))
        later_with_shift = ((cols >= last[:, None]) & (side == direction[:, None])).any(axis=1)
        return (last >= 0) & (last_side != direction) & ~later_with_shift


def stable_shift(
    y: np.ndarray, num: np.ndarray | None, den: np.ndarray | None, opts: Options
) -> Periods | None:
    """Run the algorithm over series of equal length (rows of ``y``); None if too short.

    ``y`` is what the chart plots (for P' the percentage); ``num``/``den`` are the P'
    numerators and denominators (None for XmR). No value may be missing.
    """
    n_series, length = y.shape
    if length < opts.first_period:
        return None
    walk = _Walk(y, num, den, opts)
    every = np.arange(n_series)
    walk.commit(every, walk.candidate(every, np.zeros(n_series, np.int64), opts.first_period), None)
    if opts.baseline_only:
        return walk.periods
    counter = np.full(n_series, opts.first_period, dtype=np.int64)
    active = every
    while active.size:
        c = counter[active]
        keep = (c < length - 1) & (length - c >= opts.period_min)
        active, c = active[keep], c[keep]
        if not active.size:
            break
        pos, pos2 = walk.next_break(active, c)
        keep = (pos != _NONE) & (pos < length - 1)
        keep[keep] &= length - pos[keep] >= opts.period_min
        active, pos, pos2 = active[keep], pos[keep], pos2[keep]
        if not active.size:
            break
        counter[active] = pos
        _try_candidates(walk, active, pos, pos2, counter)
    return walk.periods


def _try_candidates(
    walk: _Walk, rows: np.ndarray, pos: np.ndarray, pos2: np.ndarray, counter: np.ndarray
) -> None:
    """Steps [6a]-[7b]: form candidate limits at ``pos``, keep or reject them, move on."""
    o = walk.opts
    direction = _at(walk.periods.side[rows], pos)
    cand = walk.candidate(rows, pos, o.period_min)
    side = above_or_below(walk.y[rows], cand[0], o.centre_line_tolerance)
    opposite = walk.opposite_break(rows, pos, side, direction)
    prevents = walk.final_run_prevents(pos, side, cand[3], direction)
    accept = ~opposite & (~prevents | (not o.no_regrets))
    if o.establish_every_shift:
        accept[:] = True
    if accept.any():
        walk.commit(rows[accept], tuple(a[accept] for a in cand), pos[accept])
        counter[rows[accept]] = pos[accept] + o.period_min
    reject = ~accept
    if reject.any():
        r, p, p2 = rows[reject], pos[reject], pos2[reject]
        ahead = np.minimum(p[:, None] + np.arange(o.shift_rule_threshold), walk.y.shape[1] - 1)
        still_in_run = np.take_along_axis(walk.periods.rule2[r], ahead, axis=1).all(axis=1)
        counter[r] = np.where((p2 == _NONE) | still_in_run, p + 1, p2)
