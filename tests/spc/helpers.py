"""Series built for the SPC tests: a designed baseline where every limit is known exactly.

Most series start with a 12-point baseline alternating 9 and 11 and use
``fix_after_n_points=12``, so the mean is exactly 10, the mean moving range exactly 2, the
process limits 10 ± 5.32 and the near lines 10 ± 3.547: the points after it can then be
placed exactly where a rule starts or stops firing.
"""

from __future__ import annotations

import warnings

import pandas as pd

from impact.spc import ShortGroupWarning, spc

BASELINE = [9.0, 11.0] * 6


def frame(values: list[float], start: str = "2022-01-01", **extra: object) -> pd.DataFrame:
    data = pd.DataFrame(
        {"month": pd.date_range(start, periods=len(values), freq="MS"), "value": values}
    )
    for name, value in extra.items():
        data[name] = value
    return data


def run(values: list[float], **kwargs: object) -> pd.DataFrame:
    """The series through ``spc()``, by default with NHSRplotthedots' rules (the designed
    limits above are its limits)."""
    kwargs.setdefault("rules", "plotthedots")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortGroupWarning)
        return spc(frame(values), value_col="value", date_col="month", **kwargs)


def with_baseline(
    tail: list[float], *, before: float = 9.0, after: float = 9.0, **kwargs: object
) -> pd.DataFrame:
    """Baseline, ``before`` (row 12), the tail from row 13, ``after``, then 11, 9.

    ``before`` and ``after`` are chosen so that they end the runs and trends in the tail.
    """
    kwargs.setdefault("fix_after_n_points", 12)
    return run([*BASELINE, before, *tail, after, 11.0, 9.0], **kwargs)


def labels(column: pd.Series) -> list[str | None]:
    return [None if pd.isna(v) else str(v) for v in column]


def flagged(points: pd.DataFrame) -> dict[int, str]:
    rows = points[points["special_cause_flag"]]
    return {int(i): str(t) for i, t in zip(rows.index, rows["special_cause_type"], strict=True)}


def two_facets() -> pd.DataFrame:
    a = frame(BASELINE * 2, metric="m1", org="A")
    b = frame([v * 2 for v in BASELINE * 2], metric="m2", org="A")
    return pd.concat([b, a], ignore_index=True)
