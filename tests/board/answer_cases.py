"""Hand-made SPC points for the answer grammar's table test: one case per row.

Each case is the SPC result a board metric could have (values, centre line, limits, the
point types and rule, the current period and how it began) with the engine's assurance, so
the table test pins the exact sentence of every kind × variation × assurance × period case.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from impact.board.model import Metric

MONTHS = pd.date_range("2024-10-01", periods=24, freq="MS")

STANDARD = Metric(
    "cwt_28d_fds",
    "Cancer 28-day Faster Diagnosis Standard",
    "elective",
    "Are patients with suspected cancer told whether they have cancer within 28 days?",
    "percent",
    "increase",
    "month",
    question_kind="standard",
)
SHARE = Metric(
    "rtt_52wk_pct",
    "Share of the waiting list waiting over 52 weeks",
    "elective",
    "Are fewer than 1 in 100 patients on the waiting list waiting over a year?",
    "percent",
    "decrease",
    "month",
    question_kind="standard",
)
ZERO = Metric(
    "rtt_78wk",
    "Waits over 78 weeks (referral to treatment)",
    "elective",
    "Have waits over 78 weeks for treatment been eliminated?",
    "count",
    "decrease",
    "month",
    question_kind="standard",
)
CHANGE = Metric(
    "rtt_52wk",
    "Waits over 52 weeks (referral to treatment)",
    "elective",
    "Are fewer patients waiting over a year for treatment?",
    "count",
    "decrease",
    "month",
    question_kind="change",
)
NEUTRAL = Metric(
    "ae_attendances",
    "A&E attendances (all types)",
    "uec",
    "Is the number of people coming to A&E changing?",
    "count",
    "neutral",
    "month",
    question_kind="change",
)
MINUTES = Metric(
    "amb_cat1_mean",
    "Category 1 ambulance mean response time",
    "uec",
    "Are ambulances reaching patients with life-threatening conditions within 7 minutes?",
    "minutes",
    "decrease",
    "month",
    question_kind="standard",
)


@dataclass(frozen=True)
class Case:
    """One row of the table: the metric, its points, the target and the engine's assurance."""

    name: str
    metric: Metric
    values: list[float]
    mean: float
    lpl: float
    upl: float
    target: float | None
    assurance: str | None
    #: (point type, rule) of the trailing points, newest last; earlier points common cause
    tail: list[tuple[str, str]] = field(default_factory=list)
    #: the index where the current period starts and how (``recalculated`` or ``rebase``)
    restart: tuple[int, str] | None = None
    previous_mean: float | None = None

    def points(self) -> pd.DataFrame:
        n = len(self.values)
        months = MONTHS[-n:]
        types = ["common_cause"] * n
        rules = ["Common Cause"] * n
        for i, (kind, rule) in enumerate(self.tail):
            types[n - len(self.tail) + i] = kind
            rules[n - len(self.tail) + i] = rule
        group = [0] * n
        change = [""] * n
        means = [self.mean] * n
        if self.restart:
            at, how = self.restart
            group = [0] * at + [1] * (n - at)
            change[at] = how
            means = [self.previous_mean if self.previous_mean is not None else self.mean] * at
            means += [self.mean] * (n - at)
        return pd.DataFrame(
            {
                "period_start": months,
                "value": self.values,
                "mean": means,
                "lpl": self.lpl,
                "upl": self.upl,
                "point_type": types,
                "special_cause_type": rules,
                "rebase_group": group,
                "limits_change": change,
                "target": self.target,
            }
        )


def _series(base: float, last: list[float], n: int = 24) -> list[float]:
    return [base] * (n - len(last)) + last


IMPROVE, CONCERN = "special_cause_improvement", "special_cause_concern"
ABOVE_7, BELOW_7 = "7 Points Above CL", "7 Points Below CL"

CASES = [
    Case(
        "standard, common cause, hit and miss, latest misses",
        STANDARD,
        _series(78.0, [81.0, 79.0, 77.5]),
        78.2,
        74.0,
        82.4,
        80.0,
        "inconsistent",
    ),
    Case(
        "standard, improvement, hit and miss, latest misses",
        STANDARD,
        _series(76.0, [77.0] * 8 + [77.5]),
        76.3,
        73.1,
        79.5,
        80.0,
        "inconsistent",
        tail=[(IMPROVE, ABOVE_7)] * 9,
    ),
    Case(
        "standard, common cause, consistently passing",
        STANDARD,
        _series(85.0, [86.0, 84.0, 85.5]),
        85.1,
        82.0,
        88.2,
        80.0,
        "consistent_pass",
    ),
    Case(
        "standard, improvement, consistently failing overridden by three passes",
        SHARE,
        _series(1.6, [0.9, 0.8, 0.7]),
        1.5,
        1.3,
        1.7,
        1.0,
        "consistent_fail",
        tail=[(IMPROVE, "Below LCL")] * 3,
    ),
    Case(
        "standard, improvement, consistently failing, latest meets",
        STANDARD,
        _series(75.0, [76.0, 79.0, 80.5]),
        75.2,
        72.0,
        78.4,
        80.0,
        "consistent_fail",
        tail=[(IMPROVE, "Above UCL")],
    ),
    Case(
        "standard, concern, consistently failing, latest misses",
        STANDARD,
        _series(72.0, [70.0] * 7),
        71.5,
        68.0,
        75.0,
        80.0,
        "consistent_fail",
        tail=[(CONCERN, BELOW_7)] * 7,
    ),
    Case(
        "standard, consistently passing overridden by three misses",
        STANDARD,
        _series(86.0, [79.0, 78.5, 79.5]),
        85.8,
        81.0,
        90.6,
        80.0,
        "consistent_pass",
        tail=[(CONCERN, "Below LCL")] * 3,
    ),
    Case(
        "standard, recalculated, common cause, consistently passing",
        SHARE,
        _series(1.6, [0.7] * 18),
        0.7,
        0.5,
        0.9,
        1.0,
        "consistent_pass",
        restart=(6, "recalculated"),
        previous_mean=1.6,
    ),
    Case(
        "standard, rebased, too early",
        STANDARD,
        _series(76.0, [78.0, 79.0, 81.0, 80.5, 78.2]),
        79.3,
        75.0,
        83.6,
        80.0,
        "inconsistent",
        restart=(19, "rebase"),
    ),
    Case(
        "standard in minutes, improvement, consistently failing",
        MINUTES,
        _series(8.6, [8.1] * 7),
        8.5,
        7.6,
        9.4,
        7.0,
        "consistent_fail",
        tail=[(IMPROVE, BELOW_7)] * 7,
    ),
    Case(
        "zero target, common cause, latest misses",
        ZERO,
        _series(0.0, [2.0, 0.0, 1.0], n=24),
        0.4,
        0.0,
        2.4,
        0.0,
        "inconsistent",
    ),
    Case(
        "zero target, none in the last three months",
        ZERO,
        _series(1.0, [0.0, 0.0, 0.0]),
        0.9,
        0.0,
        3.7,
        0.0,
        "inconsistent",
    ),
    Case(
        "zero target, none now after some",
        ZERO,
        _series(0.0, [4.0, 1.0, 0.0]),
        0.7,
        0.0,
        3.2,
        0.0,
        "inconsistent",
    ),
    Case("zero target, constant at none", ZERO, [0.0] * 24, 0.0, 0.0, 0.0, 0.0, "inconsistent"),
    Case(
        "change, improvement since",
        CHANGE,
        _series(5200.0, [4500.0] * 8 + [4086.0]),
        5000.0,
        4600.0,
        5400.0,
        None,
        None,
        tail=[(IMPROVE, "Below LCL")] * 9,
    ),
    Case(
        "change, concern in the latest month",
        CHANGE,
        _series(5000.0, [5600.0]),
        5010.0,
        4600.0,
        5420.0,
        None,
        None,
        tail=[(CONCERN, "Above UCL")],
    ),
    Case(
        "change, common cause",
        CHANGE,
        _series(5000.0, [5100.0, 4950.0, 5050.0]),
        5010.0,
        4600.0,
        5420.0,
        None,
        None,
    ),
    Case(
        "change, recalculated lower and steady",
        CHANGE,
        _series(5000.0, [3200.0] * 18),
        3210.0,
        3000.0,
        3420.0,
        None,
        None,
        restart=(6, "recalculated"),
        previous_mean=5000.0,
    ),
    Case(
        "change, recalculated higher and steady",
        CHANGE,
        _series(3000.0, [3400.0] * 22),
        3400.0,
        3200.0,
        3600.0,
        None,
        None,
        restart=(2, "recalculated"),
        previous_mean=3000.0,
    ),
    Case(
        "change with a neutral direction, special cause high",
        NEUTRAL,
        _series(66000.0, [68000.0] * 7),
        66500.0,
        63000.0,
        70000.0,
        None,
        None,
        tail=[("special_cause_neutral_high", ABOVE_7)] * 7,
    ),
    Case(
        "change, too early",
        CHANGE,
        [4000.0, 4100.0, 3900.0, 3950.0, 4020.0, 3980.0],
        3990.0,
        3700.0,
        4280.0,
        None,
        None,
    ),
]
