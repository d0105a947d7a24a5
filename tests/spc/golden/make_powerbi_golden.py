"""Write the PowerBI-SPC golden series: run ``python tests/spc/golden/make_powerbi_golden.py``.

Designed series for every chart type (both improvement directions and neutral; stable,
shifted, trending and with outliers; denominators that vary; points PowerBI-SPC drops) are
run through PowerBI-SPC's own engine, ``controlchartspy`` 0.1.3 (a development dependency),
with all four outlier rules on and the settings below. The inputs and PowerBI-SPC's answers
are written beside this script as ``powerbi_inputs.csv`` and ``powerbi_points.csv``; the
series are drawn from a fixed seed, so running the script again writes the same files.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
POINTS = 36
#: The outlier settings every golden series is run with (the rest at PowerBI-SPC's defaults).
OUTLIER_SETTINGS = {
    "astronomical": True,
    "shift": True,
    "trend": True,
    "two_in_three": True,
    "shift_n": 7,
    "trend_n": 7,
    "two_in_three_limit": "2 Sigma",
    "astronomical_limit": "3 Sigma",
}
#: PowerBI-SPC's columns kept in the golden file.
KEPT = ("target", "ll99", "ll95", "ul95", "ul99", "astpoint", "trend", "shift", "two_in_three")
PATTERNS = ("stable", "shift", "trend", "outliers", "gaps", "neutral")


def _base(chart: str, rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray | None]:
    """Numerators (or values) and denominators of a stable process for ``chart``."""
    if chart == "i":
        return rng.normal(50, 5, n).round(1), None
    if chart in ("p", "pp"):
        size = 300 if chart == "p" else 10_000
        den = rng.integers(int(size * 0.7), int(size * 1.3), n).astype(float)
        rate = 0.75 + (rng.normal(0, 0.02, n) if chart == "pp" else 0)
        return rng.binomial(den.astype(int), np.clip(rate, 0, 1)).astype(float), den
    if chart in ("u", "up"):
        size = 2_000 if chart == "u" else 50_000
        den = rng.integers(int(size * 0.6), int(size * 1.4), n).astype(float)
        rate = 0.02 * (1 + (rng.normal(0, 0.1, n) if chart == "up" else 0))
        return rng.poisson(den * np.clip(rate, 0, None)).astype(float), den
    if chart == "c":
        return rng.poisson(12, n).astype(float), None
    if chart == "g":
        return (rng.geometric(0.05, n) - 1).astype(float), None
    return rng.exponential(30, n).round(1), None  # t: days between events


def _apply(
    pattern: str, chart: str, num: np.ndarray, den: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray | None]:
    """Put the pattern's signal into a stable series."""
    num, den = num.copy(), None if den is None else den.copy()
    rare = chart in ("g", "t")  # times and gaps between events: signals are multiples

    def bump(rows: slice | list[int], size: float) -> None:
        """Move points up by ``size`` (a multiple of the value, or of 5 for the i chart)."""
        if chart == "i":
            num[rows] = (num[rows] + size * 5).round(1)
            return
        factor = (1 + size) if rare else 1 + size * 0.06
        moved = num[rows] * factor
        if chart != "t":
            moved = np.round(moved)
        if chart in ("p", "pp"):
            moved = np.minimum(moved, den[rows])
        num[rows] = moved

    if pattern == "shift":
        bump(slice(20, 30), 1.5)
    elif pattern == "trend":
        if den is not None:  # one denominator so the proportions rise with the counts
            den[24:32] = den[24]
        base = num[24:32] if den is None else num[24:32] / den[24:32]
        ramp = np.sort(base) * np.linspace(0.92, 1.12, 8)
        num[24:32] = ramp.round(1) if den is None else np.round(ramp * den[24:32])
        if chart in ("p", "pp"):
            num[24:32] = np.minimum(num[24:32], den[24:32])
    elif pattern == "outliers":
        bump([10], 4.0)
        bump([30, 32], 2.3)
    elif pattern == "gaps":
        num[7] = np.nan
        if den is not None:
            den[15] = 0.0
            den[16] = np.nan
        elif chart != "i":
            num[16] = -1.0
    return num, den


def make_inputs() -> pd.DataFrame:
    """Every golden series' input rows: series, chart, direction, date, numerator, denominator."""
    rng = np.random.default_rng(20231101)
    rows = []
    dates = pd.date_range("2021-04-01", periods=POINTS, freq="MS")
    for chart in ("i", "p", "pp", "u", "up", "c", "g", "t"):
        for number, pattern in enumerate(PATTERNS):
            num, den = _apply(pattern, chart, *_base(chart, rng, POINTS))
            direction = "neutral" if pattern == "neutral" else ("increase", "decrease")[number % 2]
            rows.append(
                pd.DataFrame(
                    {
                        "series_id": f"{chart}-{pattern}",
                        "chart": chart,
                        "improvement_direction": direction,
                        "date": dates.strftime("%Y-%m-%d"),
                        "numerator": num,
                        "denominator": np.nan if den is None else den,
                    }
                )
            )
    return pd.concat(rows, ignore_index=True)


def run_powerbi(inputs: pd.DataFrame) -> pd.DataFrame:
    """PowerBI-SPC's limits and flags for every kept point of every series."""
    import controlchartspy

    out = []
    for series_id, data in inputs.groupby("series_id", sort=False):
        chart = data["chart"].iloc[0]
        has_den = chart in ("p", "pp", "u", "up")
        frame = data[["date", "numerator", "denominator"]].reset_index(drop=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the points it drops are named in its warning
            limits = controlchartspy.spc(
                frame,
                keys="date",
                numerators="numerator",
                denominators="denominator" if has_den else None,
                spc_settings={"chart_type": chart},
                outlier_settings={
                    **OUTLIER_SETTINGS,
                    "improvement_direction": data["improvement_direction"].iloc[0],
                },
                return_objs=["limits"],
            ).limits
        result = pd.DataFrame(limits)
        result.insert(0, "series_id", series_id)
        out.append(result[["series_id", "date", "value", *KEPT]])
    return pd.concat(out, ignore_index=True)


def main() -> int:
    inputs = make_inputs()
    points = run_powerbi(inputs)
    inputs.to_csv(HERE / "powerbi_inputs.csv", index=False, float_format="%.17g")
    points.to_csv(HERE / "powerbi_points.csv", index=False, float_format="%.17g")
    print(f"{inputs['series_id'].nunique()} series, {len(points)} points kept by PowerBI-SPC")
    return 0


if __name__ == "__main__":
    sys.exit(main())
