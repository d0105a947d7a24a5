"""How long a folder of zipped RTT full extracts takes to ingest, and that a restart parses none.

A measuring harness, not part of the product. NHS England publishes one ~4 MB zip (an
85 MB CSV inside) a month; two years of them is the folder an analyst would drop in. Given
a folder of real zips, it copies them round-robin under new names to make ``--months``
files (the copies repeat periods, so they are parsed in full and then override each
other: the cost is the same as distinct months), then measures a cold ingest, a restart
on the same cache and the files that restart parsed. It prints figures, never asserts::

    python -m bench.rtt_zips_bench ../shared/data/nhs-england/rtt --months 23
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from impact.store.store import Store


def build_folder(source: Path, months: int, folder: Path) -> list[Path]:
    zips = sorted(source.glob("*.zip"))
    if not zips:
        raise SystemExit(f"no .zip files in {source}")
    made = []
    for i in range(months):
        target = folder / f"rtt-{i + 1:02d}-{zips[i % len(zips)].name}"
        shutil.copyfile(zips[i % len(zips)], target)
        made.append(target)
    return made


def measure(source: Path, months: int) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory() as tmp:
        data, cache = Path(tmp) / "data", Path(tmp) / "cache"
        data.mkdir()
        build_folder(source, months, data)
        started = time.perf_counter()
        store = Store(data, cache)
        store.refresh()
        cold = time.perf_counter() - started
        ok = sum(1 for r in store.files() if r.reader == "rtt" and r.status == "ok")
        started = time.perf_counter()
        again = Store(data, cache)
        again.refresh()
        warm = time.perf_counter() - started
        return {
            "zips": months,
            "zips_ok": ok,
            "cold_ingest_s": round(cold, 2),
            "per_zip_s": round(cold / months, 2),
            "restart_s": round(warm, 2),
            "files_parsed_on_restart": again.files_ingested,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder holding RTT full-extract zips")
    parser.add_argument("--months", type=int, default=23)
    args = parser.parse_args()
    print(json.dumps(measure(args.folder, args.months), indent=2))


if __name__ == "__main__":
    main()
