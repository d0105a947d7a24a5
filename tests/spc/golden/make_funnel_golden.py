"""Write the funnel-plot golden sets with PowerBI-Funnels itself (``controlchartspy.funnel``).

Run from the project root (needs the dev requirements):

    .venv/bin/python -m tests.spc.golden.make_funnel_golden

It writes, under ``tests/spc/golden/funnel/``:

* one input table per data set (``input_<name>.csv``: group, numerator, denominator), made
  here from a fixed seed so that they look like NHS peer tables;
* ``cases.csv``: each case's data set, chart type, overdispersion setting and multiplier, and
  whether PowerBI-Funnels widened the limits for overdispersion (read from its own output:
  a case is adjusted when its limits differ from the same case with ``od_adjust = "no"``);
* ``expected_<case>.csv``: PowerBI-Funnels' limits table for the case, with its own 95 % and
  99.8 % outlier flags (improvement direction neutral), every number at full precision;
* ``lines_<case>.csv`` for the cases in ``LINE_CASES``: its limit lines (the curves drawn
  across the plot), one row per plotting denominator.

The data sets:

* ``ae_4hr``: 122 acute trusts' A&E attendances seen within 4 hours in a month, sizes from a
  minor-injury-only site (12 attendances) to the largest trusts (about 24,000), real
  differences between trusts (overdispersed), one far outlier at 45 %;
* ``ae_4hr_chance``: the same sizes but every trust at the same 74 %, so the differences
  are chance alone and "auto" must not adjust;
* ``ae_4hr_mild``: the same sizes with slight real differences, the smallest spread (on a
  fixed ladder) for which "yes" adjusts but "auto" finds the overdispersion not significant;
* ``shmi``: 122 trusts' observed deaths against expected deaths (a standardised ratio),
  expected from 0.8 to about 2,400, overdispersed, with one high outlier and one small trust
  with no deaths;
* ``shmi_chance``: observed deaths Poisson around expected, no overdispersion;
* ``ambulance_walkin``: a ratio of two counts per trust (arrivals by ambulance against
  walk-in arrivals), overdispersed, including a tiny site with no ambulance arrivals.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import controlchartspy
import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parent / "funnel"
N_TRUSTS = 122
LIMIT_COLUMNS = ("value", "target", "ll95", "ul95", "ll99", "ul99", "z")


def _trust_codes(n: int) -> list[str]:
    return [f"R{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(n)]


def _sizes(rng: np.random.Generator, smallest: float, largest: float) -> np.ndarray:
    """Log-uniform sizes, with the extremes always present (tiny sites matter most)."""
    sizes = np.exp(rng.uniform(np.log(smallest * 3), np.log(largest), N_TRUSTS))
    sizes[:3] = [smallest, smallest * 2.5, largest]
    return sizes


def _ae(rng: np.random.Generator, spread: float, outlier: bool) -> pd.DataFrame:
    attendances = np.round(_sizes(rng, 12, 24000))
    share = np.clip(rng.normal(0.74, spread, N_TRUSTS), 0.35, 0.99)
    if outlier:
        share[5] = 0.45
    within = rng.binomial(attendances.astype(int), share).astype(float)
    return pd.DataFrame(
        {"group": _trust_codes(N_TRUSTS), "numerator": within, "denominator": attendances}
    )


def _shmi(rng: np.random.Generator, spread: float, outlier: bool) -> pd.DataFrame:
    expected = np.round(_sizes(rng, 0.8, 2400), 2)
    risk = rng.gamma(1 / spread**2, spread**2, N_TRUSTS) if spread else np.ones(N_TRUSTS)
    if outlier:
        risk[7] = 1.4
    observed = rng.poisson(expected * risk).astype(float)
    if outlier:
        observed[0] = 0.0  # a small trust with no deaths in the period
    return pd.DataFrame(
        {"group": _trust_codes(N_TRUSTS), "numerator": observed, "denominator": expected}
    )


def _ambulance(rng: np.random.Generator) -> pd.DataFrame:
    walk_in = np.round(_sizes(rng, 9, 18000))
    ratio = rng.lognormal(np.log(0.4), 0.25, N_TRUSTS)
    ambulance = rng.poisson(walk_in * ratio).astype(float)
    ambulance[0] = 0.0
    return pd.DataFrame(
        {"group": _trust_codes(N_TRUSTS), "numerator": ambulance, "denominator": walk_in}
    )


def _mild_ae() -> pd.DataFrame:
    """Overdispersion that "yes" adjusts for and "auto" judges not significant (chi-squared)."""
    for step in range(1, 60):
        frame = _ae(np.random.default_rng(7), 0.001 * step, outlier=False)
        no, yes, auto = (reference(frame, "PR", od, 100) for od in ("no", "yes", "auto"))
        if not yes["ul99"].equals(no["ul99"]) and auto["ul99"].equals(no["ul99"]):
            return frame
    raise RuntimeError("no spread on the ladder gives mild overdispersion")


def data_sets() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(20251001)
    return {
        "ae_4hr": _ae(rng, 0.06, outlier=True),
        "ae_4hr_chance": _ae(rng, 0.0, outlier=False),
        "ae_4hr_mild": _mild_ae(),
        "shmi": _shmi(rng, 0.12, outlier=True),
        "shmi_chance": _shmi(rng, 0.0, outlier=False),
        "ambulance_walkin": _ambulance(rng),
    }


#: (case, data set, chart, multiplier)
CASES: tuple[tuple[str, str, str, float], ...] = (
    ("pr_ae", "ae_4hr", "PR", 100),
    ("pr_ae_fraction", "ae_4hr", "PR", 1),
    ("pr_ae_chance", "ae_4hr_chance", "PR", 100),
    ("pr_ae_mild", "ae_4hr_mild", "PR", 100),
    ("sr_shmi", "shmi", "SR", 1),
    ("sr_shmi_hundred", "shmi", "SR", 100),
    ("sr_shmi_chance", "shmi_chance", "SR", 1),
    ("rc_ambulance", "ambulance_walkin", "RC", 1),
)


#: Cases whose limit lines are kept too (each chart type, with and without adjustment).
LINE_CASES = (
    "pr_ae_no",
    "pr_ae_yes",
    "sr_shmi_no",
    "sr_shmi_yes",
    "rc_ambulance_no",
    "rc_ambulance_yes",
)


def _engine(frame: pd.DataFrame, chart: str, od: str, multiplier: float, output: str) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a dropped row would make the golden set wrong
        return controlchartspy.funnel(
            frame.to_dict("list"),
            keys="group",
            numerators="numerator",
            denominators="denominator",
            funnel_settings={
                "chart_type": chart,
                "od_adjust": od,
                "multiplier": multiplier,
                "perc_labels": "No",
            },
            outlier_settings={
                "two_sigma": True,
                "three_sigma": True,
                "improvement_direction": "neutral",
            },
            return_objs=output,
        )


def lines(frame: pd.DataFrame, chart: str, od: str, multiplier: float) -> pd.DataFrame:
    """PowerBI-Funnels' limit lines for one case."""
    result = _engine(frame, chart, od, multiplier, "limit_lines")
    return pd.DataFrame(result.limit_lines)[
        ["denominator", "target", "ll95", "ul95", "ll99", "ul99"]
    ]


def reference(frame: pd.DataFrame, chart: str, od: str, multiplier: float) -> pd.DataFrame:
    """PowerBI-Funnels' limits table for one case, in the input's row order."""
    result = _engine(frame, chart, od, multiplier, "limits")
    table = pd.DataFrame(result.limits).set_index("group").loc[frame["group"]].reset_index()
    columns = ["group", "numerator", "denominator", *LIMIT_COLUMNS, "two_sigma", "three_sigma"]
    return table[columns]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    sets = data_sets()
    for name, frame in sets.items():
        frame.to_csv(OUT / f"input_{name}.csv", index=False, float_format="%.17g")
    rows = []
    for case, data, chart, multiplier in CASES:
        unadjusted = reference(sets[data], chart, "no", multiplier)
        for od in ("no", "yes", "auto"):
            table = reference(sets[data], chart, od, multiplier)
            limits = ["ll95", "ul95", "ll99", "ul99"]
            adjusted = not table[limits].equals(unadjusted[limits])
            name = f"{case}_{od}"
            table.to_csv(OUT / f"expected_{name}.csv", index=False, float_format="%.17g")
            if name in LINE_CASES:
                lines(sets[data], chart, od, multiplier).to_csv(
                    OUT / f"lines_{name}.csv", index=False, float_format="%.17g"
                )
            rows.append((name, data, chart, od, multiplier, adjusted))
    cases = pd.DataFrame(
        rows, columns=["case", "data", "chart", "overdispersion", "multiplier", "od_adjusted"]
    )
    cases.to_csv(OUT / "cases.csv", index=False)
    print(cases.to_string(index=False))


if __name__ == "__main__":
    main()
