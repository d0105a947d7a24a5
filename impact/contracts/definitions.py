"""The eleven extract contracts, each stated once: columns, types, rules, key and an example.

A file is matched to its contract by its *header*, never by its name
(:mod:`impact.contracts.matching`), so analysts can name files as they like and keep them
in subfolders. The store, the ``check`` command, the Data page and ``data/README.md``
(:mod:`impact.contracts.document`) all read these definitions.
"""

from __future__ import annotations

from impact.contracts.model import Column, Contract
from impact.spc.charts import CHARTS

PRIORITIES = ("elective", "uec", "primary_care", "improvement")
ORG_TYPES = ("nation", "region", "icb", "trust", "pcn", "practice", "other")
UNITS = ("percent", "count", "minutes", "days", "rate")
DIRECTIONS = ("increase", "decrease", "neutral")
FREQUENCIES = ("week", "month", "quarter")
PROJECT_STATUSES = ("planned", "active", "complete", "stopped")
PDSA_DECISIONS = ("adopt", "adapt", "abandon")
#: How a metric's SPC limits are set: recalculated after a sustained, stable shift (``auto``)
#: or over the whole period, rebased only by events (``fixed``).
LIMITS = ("auto", "fixed")
#: The charts ``limits=auto`` can recalculate (the Stable Shift Algorithm's XmR and P').
AUTO_LIMIT_CHARTS = ("i", "pp")
QUESTION_STATUSES = ("open", "answered")
#: How a target row's figure is set: blank (its own ``target_value``) or from the
#: organisation's own baseline month (``improve_on_baseline``).
TARGET_RULES = ("improve_on_baseline",)
IMPACT_COMPONENTS = (
    "shared_purpose_and_vision",
    "people_and_culture",
    "leadership_behaviours",
    "capability_and_capacity",
    "management_systems_and_processes",
)

SLUG = r"^[a-z0-9][a-z0-9_\-]*$"

ORGANISATIONS = Contract(
    name="organisations",
    title="Organisations",
    purpose="The organisation hierarchy: nation → region → ICB → trust (and PCN/practice).",
    columns=(
        Column("org_code", description="ODS code or local code; unique."),
        Column("org_name", description="Name as the board knows it."),
        Column("org_type", enum=ORG_TYPES, description="Kind of organisation."),
        Column(
            "parent_code",
            required=False,
            description="The ICB of a trust, the region of an ICB; blank for the top.",
        ),
    ),
    key=("org_code",),
    example={
        "org_code": "RXX01",
        "org_name": "Demo Northfield Hospitals NHS Foundation Trust",
        "org_type": "trust",
        "parent_code": "QXA",
    },
)

METRICS = Contract(
    name="metrics",
    title="Metrics (the catalogue)",
    purpose=(
        "What is measured, which recovery priority it serves and the board question it answers."
    ),
    columns=(
        Column("metric_id", pattern=SLUG, rule="a lower-case slug (letters, digits, _ or -)"),
        Column("metric_name"),
        Column("priority", enum=PRIORITIES),
        Column("board_question", pattern=r"^.*\?\s*$", rule="a question ending with '?'"),
        Column("unit", enum=UNITS),
        Column("improvement_direction", enum=DIRECTIONS),
        Column("frequency", enum=FREQUENCIES),
        Column("definition", required=False),
        Column("source", required=False),
        Column(
            "chart",
            required=False,
            enum=CHARTS,
            description=(
                "The SPC chart: i (XmR, the default when blank), p, pp (Laney p′), u,"
                " up (Laney u′), c, g or t; p, pp, u and up need the observations' numerator"
                " and denominator."
            ),
        ),
        Column(
            "limits",
            required=False,
            enum=LIMITS,
            description=(
                "fixed (the default when blank): limits over the whole period, rebased only by"
                " events; auto: recalculated after a sustained, stable shift (charts i and pp"
                " only; other charts keep fixed limits and say why)."
            ),
        ),
    ),
    key=("metric_id",),
    example={
        "metric_id": "ae_4hr_all",
        "metric_name": "A&E 4-hour performance (all types)",
        "priority": "uec",
        "board_question": "Are patients being seen within four hours in A&E?",
        "unit": "percent",
        "improvement_direction": "increase",
        "frequency": "month",
        "definition": (
            "Attendances admitted, transferred or discharged within 4 hours ÷ all attendances"
        ),
        "source": "NHS England A&E Attendances and Emergency Admissions",
        "chart": "pp",
        "limits": "auto",
    },
)

TARGETS = Contract(
    name="targets",
    title="Targets",
    purpose="Targets by metric (and optionally organisation), each with the dates it applies.",
    columns=(
        Column("metric_id"),
        Column("org_code", required=False, description="Blank = every organisation."),
        Column(
            "target_value",
            type="DOUBLE",
            required=False,
            description="The target; blank only when `target_rule` computes it.",
        ),
        Column("effective_from", type="DATE"),
        Column("effective_to", type="DATE", required=False, description="Blank = open."),
        Column("source", required=False),
        Column(
            "target_rule",
            required=False,
            enum=TARGET_RULES,
            description=(
                "Blank: `target_value` is the target. improve_on_baseline: each"
                " organisation's target is its own value in `baseline_period` improved by"
                " `improvement` (in the metric's direction), and no less than `floor`; it"
                " replaces a national `target_value` starting on the same date, which still"
                " applies where the organisation has no figure for the baseline month."
            ),
        ),
        Column(
            "baseline_period",
            type="DATE",
            required=False,
            description="The baseline month (its first day) of an improve_on_baseline rule.",
        ),
        Column(
            "improvement",
            type="DOUBLE",
            required=False,
            minimum=0,
            description="How much better than the baseline, in the metric's unit (5 = 5 points).",
        ),
        Column(
            "floor",
            type="DOUBLE",
            required=False,
            description=(
                "The least the computed target may ask (for a metric where higher is better,"
                " the target is at least this; where lower is better, at most this)."
            ),
        ),
    ),
    key=("metric_id", "org_code", "effective_from", "target_rule"),
    example={
        "metric_id": "ae_4hr_all",
        "org_code": "",
        "target_value": "78",
        "effective_from": "2024-04-01",
        "effective_to": "2025-03-31",
        "source": "2024/25 priorities and operational planning guidance",
        "target_rule": "",
        "baseline_period": "",
        "improvement": "",
        "floor": "",
    },
)

PLANS = Contract(
    name="plans",
    title="Plans (operating-plan trajectories)",
    purpose=(
        "Each organisation's planned value per metric and month, as submitted in its"
        " operating plan; the latest submission of each plan name is used."
    ),
    columns=(
        Column("metric_id", description="The metric planned."),
        Column("org_code", description="The organisation whose plan it is."),
        Column("period_start", type="DATE", description="The planned month (its first day)."),
        Column("planned_value", type="DOUBLE", description="The planned figure, in the unit."),
        Column("plan_name", description='The plan, e.g. "2025/26 operating plan".'),
        Column(
            "submitted",
            type="DATE",
            required=False,
            description=(
                "When this version was submitted; a re-plan is a later submission of the same"
                " plan name, and only the latest submission of each plan name is used."
            ),
        ),
    ),
    key=("metric_id", "org_code", "period_start", "plan_name", "submitted"),
    example={
        "metric_id": "ae_4hr_all",
        "org_code": "RXX01",
        "period_start": "2025-09-01",
        "planned_value": "76",
        "plan_name": "2025/26 operating plan",
        "submitted": "2025-03-27",
    },
)

OBSERVATIONS = Contract(
    name="observations",
    title="Observations",
    purpose="The measured values: one row per metric × organisation × period.",
    columns=(
        Column("metric_id"),
        Column("org_code"),
        Column("period_start", type="DATE"),
        Column("value", type="DOUBLE"),
        Column("numerator", type="DOUBLE", required=False),
        Column("denominator", type="DOUBLE", required=False),
    ),
    key=("metric_id", "org_code", "period_start"),
    example={
        "metric_id": "ae_4hr_all",
        "org_code": "RXX01",
        "period_start": "2025-03-01",
        "value": "74.6",
        "numerator": "14920",
        "denominator": "20000",
    },
)

EVENTS = Contract(
    name="events",
    title="Events",
    purpose="Process changes that re-base SPC limits (rebase = true) or annotate charts.",
    columns=(
        Column("metric_id"),
        Column("org_code"),
        Column("event_date", type="DATE"),
        Column("description"),
        Column("rebase", type="BOOLEAN"),
    ),
    key=("metric_id", "org_code", "event_date"),
    example={
        "metric_id": "ae_4hr_all",
        "org_code": "RXX01",
        "event_date": "2024-11-01",
        "description": "New same-day emergency care unit opened",
        "rebase": "true",
    },
)

PROJECTS = Contract(
    name="projects",
    title="Improvement projects",
    purpose="Improvement activity and the outcome metric each project aims to move.",
    columns=(
        Column("project_id"),
        Column("org_code"),
        Column("title"),
        Column("priority", enum=PRIORITIES),
        Column("metric_id", required=False),
        Column("method", required=False),
        Column("status", enum=PROJECT_STATUSES),
        Column("start_date", type="DATE"),
        Column("end_date", type="DATE", required=False),
        Column("lead", required=False),
    ),
    key=("project_id",),
    example={
        "project_id": "P-RXX01-001",
        "org_code": "RXX01",
        "title": "Front-door streaming to SDEC",
        "priority": "uec",
        "metric_id": "ae_4hr_all",
        "method": "QSIR",
        "status": "active",
        "start_date": "2024-09-01",
        "end_date": "",
        "lead": "Deputy Chief Operating Officer",
    },
)

PDSA_CYCLES = Contract(
    name="pdsa_cycles",
    title="PDSA cycles",
    purpose="Plan-Do-Study-Act cycles run within a project, with what was learned.",
    columns=(
        Column("project_id"),
        Column("cycle_number", type="INTEGER", minimum=1),
        Column("start_date", type="DATE"),
        Column("end_date", type="DATE", required=False),
        Column("change_tested"),
        Column("prediction", required=False),
        Column("learning", required=False),
        Column("decision", enum=PDSA_DECISIONS, required=False),
    ),
    key=("project_id", "cycle_number"),
    example={
        "project_id": "P-RXX01-001",
        "cycle_number": "1",
        "start_date": "2024-09-02",
        "end_date": "2024-09-27",
        "change_tested": "Senior nurse streaming at the front door 10:00–22:00",
        "prediction": "10% of walk-ins streamed to SDEC",
        "learning": "Streaming worked in hours; evenings lacked SDEC capacity",
        "decision": "adapt",
    },
)

CAPABILITY = Contract(
    name="capability",
    title="Improvement capability and capacity",
    purpose="NHS IMPACT capability: staff trained by level, improvement coaches, headcount.",
    columns=(
        Column("org_code"),
        Column("period_start", type="DATE"),
        Column("staff_trained_foundation", type="INTEGER", minimum=0),
        Column("staff_trained_practitioner", type="INTEGER", minimum=0),
        Column("staff_trained_expert", type="INTEGER", minimum=0),
        Column("improvement_coaches", type="INTEGER", minimum=0),
        Column("headcount", type="INTEGER", minimum=1),
    ),
    key=("org_code", "period_start"),
    example={
        "org_code": "RXX01",
        "period_start": "2025-01-01",
        "staff_trained_foundation": "1240",
        "staff_trained_practitioner": "160",
        "staff_trained_expert": "12",
        "improvement_coaches": "18",
        "headcount": "7800",
    },
)

SELF_ASSESSMENT = Contract(
    name="self_assessment",
    title="NHS IMPACT self-assessment",
    purpose="Scores (1–5) against the five NHS IMPACT components, with evidence.",
    columns=(
        Column("org_code"),
        Column("assessment_date", type="DATE"),
        Column("component", enum=IMPACT_COMPONENTS),
        Column("score", type="DOUBLE", minimum=1, maximum=5),
        Column("evidence", required=False),
    ),
    key=("org_code", "assessment_date", "component"),
    example={
        "org_code": "RXX01",
        "assessment_date": "2025-03-31",
        "component": "leadership_behaviours",
        "score": "2",
        "evidence": "Executive Gemba walks started in two divisions",
    },
)

BOARD_QUESTIONS = Contract(
    name="board_questions",
    title="Board question log",
    purpose="Questions the board asked about a metric, their owner, due date and answer.",
    columns=(
        Column("question_id", description="Unique id, e.g. Q-20250312-1a2b3c4d."),
        Column("org_code", description="The organisation the question is about."),
        Column(
            "metric_id",
            pattern=SLUG,
            rule="a lower-case slug (letters, digits, _ or -)",
            description="The metric the question is about.",
        ),
        Column("question", description="The question as the board asked it."),
        Column("asked_by", required=False, description="Board member who asked."),
        Column("owner", description="Who will bring the answer."),
        Column("asked_on", type="DATE", description="The meeting date the question was asked."),
        Column("due_date", type="DATE", description="When the answer is due back."),
        Column("status", enum=QUESTION_STATUSES, description="Open until answered."),
        Column("answer", required=False, description="The answer brought back."),
        Column("answered_on", type="DATE", required=False, description="When it was answered."),
        Column(
            "revision",
            type="INTEGER",
            minimum=1,
            description="Raised on every change; on import the higher revision wins.",
        ),
    ),
    key=("question_id",),
    example={
        "question_id": "Q-20250312-1a2b3c4d",
        "org_code": "RXX01",
        "metric_id": "ae_4hr_all",
        "question": "What changed in January that has kept 4-hour performance below its range?",
        "asked_by": "Non-executive director",
        "owner": "Chief Operating Officer",
        "asked_on": "2025-03-12",
        "due_date": "2025-04-09",
        "status": "open",
        "answer": "",
        "answered_on": "",
        "revision": "1",
    },
)

#: Every contract, in the order the documentation lists them.
CONTRACTS: dict[str, Contract] = {
    c.name: c
    for c in (
        ORGANISATIONS,
        METRICS,
        TARGETS,
        OBSERVATIONS,
        PLANS,
        EVENTS,
        PROJECTS,
        PDSA_CYCLES,
        CAPABILITY,
        SELF_ASSESSMENT,
        BOARD_QUESTIONS,
    )
}
