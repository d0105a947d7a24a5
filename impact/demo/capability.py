"""NHS IMPACT capability and self-assessment: training, coaches and the five components.

Capability figures are quarterly and cumulative (staff trained only grows); self-assessment
scores move by at most one step between assessments, and one trust (XRA08) has never
assessed, so the page's "no assessment yet" answer has a case to show.
"""

from __future__ import annotations

import numpy as np

from impact.demo.region import STUCK, months

#: Trust or ICB → (headcount, foundation trained per quarter, coaches at the start).
CAPABILITY_PLAN = {
    "XQA": (650, 12, 2),
    "XQB": (580, 8, 1),
    "XRA01": (8200, 90, 8),
    "XRA02": (4700, 45, 3),
    "XRA03": (5600, 70, 6),
    "XRA04": (3900, 40, 4),
    "XRA05": (7400, 55, 4),
    "XRA06": (4400, 50, 3),
    "XRA07": (9300, 25, 2),
    "XRA08": (3500, 35, 2),
}


def capability(rng: np.random.Generator) -> list[list[str]]:
    """Quarterly, cumulative staff trained at each level, coaches and headcount."""
    quarters = [p for p in months() if p.month in (1, 4, 7, 10)]
    rows = []
    for org, (headcount, per_quarter, coaches0) in CAPABILITY_PLAN.items():
        foundation = int(per_quarter * 4)
        practitioner = max(foundation // 10, 1)
        expert = 1
        coaches = coaches0
        for q in quarters:
            foundation += int(rng.poisson(per_quarter))
            practitioner += int(rng.poisson(per_quarter / 9))
            expert += int(rng.random() < per_quarter / 120)
            coaches += int(rng.random() < per_quarter / 80)
            staff = int(headcount * (1 + 0.004 * rng.normal()))
            rows.append(
                [
                    org,
                    q.isoformat(),
                    str(foundation),
                    str(practitioner),
                    str(expert),
                    str(coaches),
                    str(staff),
                ]
            )
    return rows


COMPONENT_EVIDENCE = {
    "shared_purpose_and_vision": (
        "Improvement not yet mentioned in the trust strategy",
        "Strategy names improvement; few staff could describe the priorities",
        "Three trust-wide improvement priorities agreed with staff and patients",
        "Priorities cascade to divisional plans and team huddle boards",
        "Every team can show how its measures link to the trust's priorities",
    ),
    "people_and_culture": (
        "Staff survey shows low confidence to suggest improvements",
        "Staff ideas scheme launched; patient partners on two projects",
        "Patient partners on most projects; staff survey improvement score rising",
        "Teams run their own tests of change with protected time",
        "Improvement is part of every appraisal and induction",
    ),
    "leadership_behaviours": (
        "Board discussions focus on assurance rather than learning",
        "Executive team completed improvement leadership training",
        "Executive Gemba walks started in two divisions",
        "Leaders coach rather than direct at monthly service reviews",
        "Leadership behaviours framework used in every senior appointment",
    ),
    "capability_and_capacity": (
        "No central improvement team",
        "Small improvement team; foundation training on request",
        "Training plan by level with a coaching offer",
        "Dosage targets met for foundation and practitioner training",
        "Improvement expertise in every division, with coaches for every project",
    ),
    "management_systems_and_processes": (
        "Performance reports are red-amber-green tables",
        "Board report shows SPC charts for key metrics",
        "Tiered huddles in the emergency pathway link to the operational meeting",
        "Strategy deployment reviews every quarter",
        "Improvement built into planning, performance and risk processes",
    ),
}

#: Trust → (first assessment's scores in component order, assessment dates). XRA08 has none.
ASSESSMENTS = {
    "XRA01": ((3, 3, 3, 3, 2), ("2024-03-28", "2025-03-27", "2026-03-26")),
    "XRA02": ((2, 2, 2, 2, 2), ("2025-03-27", "2026-03-26")),
    "XRA03": ((3, 3, 2, 3, 3), ("2024-03-28", "2025-03-27", "2026-03-26")),
    "XRA04": ((2, 3, 2, 2, 2), ("2024-03-28", "2025-03-27", "2026-03-26")),
    "XRA05": ((2, 2, 2, 2, 1), ("2024-03-28", "2025-03-27")),
    "XRA06": ((3, 2, 2, 2, 2), ("2025-03-27", "2026-03-26")),
    "XRA07": ((2, 2, 1, 1, 2), ("2024-03-28", "2025-03-27", "2026-03-26")),
}


def self_assessment(rng: np.random.Generator) -> list[list[str]]:
    """Scores 1 to 5 that move by at most one step between assessments."""
    components = tuple(COMPONENT_EVIDENCE)
    rows = []
    for org, (first, dates) in ASSESSMENTS.items():
        scores = list(first)
        for n, when in enumerate(dates):
            if n:
                steps = rng.random(len(scores)) < 0.45
                scores = [min(s + int(up), 5) for s, up in zip(scores, steps, strict=True)]
                if org == STUCK:
                    scores[2] = 1  # leadership behaviours lowest at every assessment
            for component, score in zip(components, scores, strict=True):
                rows.append(
                    [org, when, component, str(score), COMPONENT_EVIDENCE[component][score - 1]]
                )
    return rows


# ---------------------------------------------------------------------------------------
# Writing
