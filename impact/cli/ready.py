"""``python -m impact ready``: exit 0 when this replica can serve, 1 when it cannot.

For a load balancer's or an orchestrator's readiness probe (a container ``HEALTHCHECK``,
a Kubernetes ``readinessProbe`` ``exec``), beside Streamlit's own ``/_stcore/health``,
which only says the server is up. The checks live in :mod:`impact.readiness`.
"""

from __future__ import annotations

import argparse
import json

from impact.readiness import readiness

HELP = "Check that the extracts load and the question log answers (exit 1 if not)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", help="data folder (default: IMPACT_DATA_DIR or data/)")
    parser.add_argument("--cache", help="cache folder (default: IMPACT_CACHE_DIR or .cache/)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    checks = readiness(args.data, args.cache)
    ready = all(c.ok for c in checks)
    if args.json:
        print(json.dumps({"ready": ready, "checks": [c.as_dict() for c in checks]}))
    else:
        for c in checks:
            print(f"{'ok ' if c.ok else 'FAIL'} {c.name}: {c.detail} ({c.seconds:.2f} s)")
        print("ready" if ready else "not ready")
    return 0 if ready else 1
