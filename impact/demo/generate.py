"""Write the demo extracts: every table from one seeded generator, each file atomically.

The generator is drawn from in a fixed order (observations, then capability, then
self-assessment; the plans are derived from the observations and draw nothing), so two
runs write byte-identical files and ``python -m impact demo``
reproduces the committed ``data/demo`` exactly. Each file is checked against its contract's
header before it is written, and written through :mod:`impact.atomic`, so a running
dashboard never reads half an extract.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from impact import PROJECT_ROOT
from impact.atomic import write_atomic
from impact.contracts import CONTRACTS
from impact.demo.capability import capability, self_assessment
from impact.demo.events import events, targets
from impact.demo.plans import plans
from impact.demo.projects import pdsa_cycles, projects
from impact.demo.region import organisations
from impact.demo.series import observations

SEED = 20230401
DEFAULT_OUT = PROJECT_ROOT / "data" / "demo"


def _csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def build() -> dict[str, tuple[str, list[list[str]]]]:
    """File name → (contract name, rows), from one seeded generator in a fixed order."""
    rng = np.random.default_rng(SEED)
    orgs = [[o.code, o.name, o.org_type, o.parent] for o in organisations()]
    observed = observations(rng)
    return {
        "organisations.csv": ("organisations", orgs),
        "observations.csv": ("observations", observed),
        "plans.csv": ("plans", plans(observed)),
        "targets.csv": ("targets", targets()),
        "events.csv": ("events", events()),
        "projects.csv": ("projects", projects()),
        "pdsa_cycles.csv": ("pdsa_cycles", pdsa_cycles()),
        "capability.csv": ("capability", capability(rng)),
        "self_assessment.csv": ("self_assessment", self_assessment(rng)),
    }


def generate(out_dir: Path | str = DEFAULT_OUT) -> dict[Path, int]:
    """Write the demo extracts to ``out_dir``; returns each file written and its row count."""
    out = Path(out_dir)
    written: dict[Path, int] = {}
    for file_name, (contract, rows) in build().items():
        header = CONTRACTS[contract].column_names
        if any(len(r) != len(header) for r in rows):
            raise ValueError(f"{file_name}: a row does not have the {len(header)} columns")
        path = out / file_name
        write_atomic(path, _csv_text(header, rows))
        written[path] = len(rows)
    return written
