"""The store's benchmark: a synthetic national-scale data folder, timed against baselines.

A measuring harness, not part of the product: it lives beside ``impact/`` so the shipped
package holds only what the dashboard runs. ``python -m impact bench`` calls it.

``python -m impact bench --scale national`` writes 7 regions, 42 ICBs, 210 trusts and
6,300 practices with 60 months of figures (about 4.7 million observation rows in about
70 CSV files) to a temporary folder, then measures, each side in its own process so
that memory and caches never leak from one into the other:

* a bare DuckDB typed ingest (``CREATE TABLE … AS SELECT * FROM read_csv(…)``, no checks),
  the practical limit for reading those files;
* our cold ingest (every check; until every file is queryable) and our end-to-end answer
  (latest value and mean of every organisation × metric); large files' Parquet cache is
  written behind (:mod:`impact.staging`), and ``cache_written_s`` says when it was done;
* what a Python analyst would write with pandas (``read_csv`` + ``concat`` + ``groupby``);
* a restart with unchanged files, the pick-up of one new monthly file, one organisation's
  query on the warm store and, when the SPC engine is present, SPC over every series.

Peak memory is each process's own maximum resident set (``getrusage``). The figures are
measurements, not assertions: the README records them.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from impact import PROJECT_ROOT
from impact.atomic import atomic_target
from impact.contracts import NULL_STRINGS, OBSERVATIONS

DUCKDB_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
START = "2021-01-01"
#: A code the organisation query asks for (the first practice).
QUERY_ORG = "P00001"


@dataclass(frozen=True)
class Scale:
    regions: int
    icbs_per_region: int
    trusts_per_icb: int
    practices_per_icb: int
    months: int
    trust_metrics: int = 10
    practice_metrics: int = 12


#: The headline figures, in the order they are reported, with the words they are printed
#: with; :func:`run_benchmark` returns them first, then the supporting detail.
FIGURES: dict[str, str] = {
    "rows": "observation rows",
    "files": "CSV files",
    "duckdb_ingest_s": "bare DuckDB typed ingest (s)",
    "cold_ingest_s": "our cold ingest, validated (s)",
    "ours_end_to_end_s": "our end-to-end: ingest + latest & mean per series (s)",
    "pandas_end_to_end_s": "pandas end-to-end: read_csv + concat + groupby (s)",
    "warm_restart_s": "restart with unchanged files (s)",
    "one_new_file_s": "pick-up of one new monthly file (s)",
    "org_query_s": "one organisation's query, warm (s)",
    "spc_all_series_s": "SPC over every series (s)",
    "auto_limits_all_series_s": "automatic limits (Stable Shift Algorithm) over every series (s)",
    "peak_rss_mb": "our peak memory (MB)",
    "pandas_peak_rss_mb": "pandas peak memory (MB)",
}

SCALES = {
    "national": Scale(
        regions=7, icbs_per_region=6, trusts_per_icb=5, practices_per_icb=150, months=60
    ),
    "small": Scale(regions=1, icbs_per_region=2, trusts_per_icb=3, practices_per_icb=30, months=12),
}


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def build_dataset(folder: Path, scale: Scale) -> dict[str, Any]:
    """Write the synthetic extracts; return their row and file counts."""
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(config=DUCKDB_CONFIG)
    con.execute("SELECT setseed(0.42)")
    n_icbs = scale.regions * scale.icbs_per_region
    con.execute(
        f"""CREATE TABLE orgs AS
        SELECT 'Y' || lpad(CAST(r AS VARCHAR), 2, '0') AS org_code,
               'Bench region ' || r AS org_name,
               'region' AS org_type, NULL AS parent_code FROM range(1, {scale.regions + 1}) t(r)
        UNION ALL
        SELECT 'Q' || lpad(CAST(i AS VARCHAR), 2, '0'), 'Bench ICB ' || i, 'icb',
               'Y' || lpad(CAST((i - 1) // {scale.icbs_per_region} + 1 AS VARCHAR), 2, '0')
        FROM range(1, {n_icbs + 1}) t(i)
        UNION ALL
        SELECT 'T' || lpad(CAST(k AS VARCHAR), 3, '0'), 'Bench trust ' || k, 'trust',
               'Q' || lpad(CAST((k - 1) // {scale.trusts_per_icb} + 1 AS VARCHAR), 2, '0')
        FROM range(1, {n_icbs * scale.trusts_per_icb + 1}) t(k)
        UNION ALL
        SELECT 'P' || lpad(CAST(k AS VARCHAR), 5, '0'), 'Bench practice ' || k, 'practice',
               'Q' || lpad(CAST((k - 1) // {scale.practices_per_icb} + 1 AS VARCHAR), 2, '0')
        FROM range(1, {n_icbs * scale.practices_per_icb + 1}) t(k)"""
    )
    con.execute(f"COPY orgs TO {_lit(str(folder / 'organisations.csv'))} (HEADER)")
    con.execute(
        f"""COPY (
        SELECT 'bench_' || kind || '_' || lpad(CAST(m AS VARCHAR), 2, '0') AS metric_id,
               'Bench ' || kind || ' measure ' || m AS metric_name, 'improvement' AS priority,
               'Is bench ' || kind || ' measure ' || m || ' improving?' AS board_question,
               'count' AS unit, 'increase' AS improvement_direction, 'month' AS frequency,
               'Synthetic measure for the benchmark' AS definition, 'impact bench' AS source
        FROM (SELECT 'trust' AS kind, m FROM range(1, {scale.trust_metrics + 1}) t(m)
              UNION ALL SELECT 'gp', m FROM range(1, {scale.practice_metrics + 1}) t(m))
        ) TO {_lit(str(folder / "metrics.csv"))} (HEADER)"""
    )
    files = 2
    rows = 0
    for month in range(scale.months):
        rows += write_practice_month(con, folder, scale, month)
        files += 1
    years = (scale.months + 11) // 12
    for year in range(years):
        first, last = year * 12, min(scale.months, year * 12 + 12)
        path = folder / "trusts" / f"trust_metrics_year_{year + 1}.csv"
        path.parent.mkdir(exist_ok=True)
        rows += _copy_observations(con, path, "T", scale.trust_metrics, "trust", first, last)
        files += 1
    con.close()
    return {"rows": rows, "files": files}


def write_practice_month(
    con: duckdb.DuckDBPyConnection, folder: Path, scale: Scale, month: int
) -> int:
    """One monthly file of every practice metric (what a new month's extract looks like)."""
    path = folder / "practices" / f"gp_month_{month + 1:03d}.csv"
    path.parent.mkdir(exist_ok=True)
    return _copy_observations(con, path, "P", scale.practice_metrics, "gp", month, month + 1)


def _copy_observations(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    prefix: str,
    metrics: int,
    kind: str,
    first: int,
    last: int,
) -> int:
    with atomic_target(path) as tmp:
        _copy(con, tmp, prefix, metrics, kind, first, last)
    return con.execute(f"SELECT count(*) FROM read_csv({_lit(str(path))})").fetchone()[0]


def _copy(
    con: duckdb.DuckDBPyConnection,
    tmp: Path,
    prefix: str,
    metrics: int,
    kind: str,
    first: int,
    last: int,
) -> None:
    con.execute(
        f"""COPY (
        SELECT 'bench_{kind}_' || lpad(CAST(m AS VARCHAR), 2, '0') AS metric_id, o.org_code,
               CAST(DATE '{START}' + to_months(CAST(i AS INTEGER)) AS DATE) AS period_start,
               round(d * (0.6 + 0.1 * sin(i / 2.0) + 0.05 * random()), 1) AS value,
               round(d * (0.6 + 0.1 * sin(i / 2.0)), 0) AS numerator, d AS denominator
        FROM (SELECT org_code, 200 + (hash(org_code) % 5000) AS d FROM orgs
              WHERE starts_with(org_code, '{prefix}')) o,
             range(1, {metrics + 1}) t(m), range({first}, {last}) s(i)
        ) TO {_lit(str(tmp))} (FORMAT csv, HEADER)"""
    )


# -- the measured sides, each run in its own process -------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _observation_files(data: Path) -> list[Path]:
    return sorted(
        p for p in data.rglob("*.csv") if p.name not in ("organisations.csv", "metrics.csv")
    )


def child_duckdb(data: Path, cache: Path) -> dict[str, Any]:
    files = ", ".join(_lit(str(p)) for p in _observation_files(data))
    columns = ", ".join(f"{_lit(c.name)}: {_lit(c.type)}" for c in OBSERVATIONS.columns)
    nulls = ", ".join(_lit(s) for s in NULL_STRINGS)
    con = duckdb.connect(config=DUCKDB_CONFIG)
    start = time.perf_counter()
    con.execute(
        f"CREATE TABLE observations AS SELECT * FROM read_csv([{files}], header=true, "
        f"auto_detect=false, delim=',', quote='\"', escape='\"', columns={{{columns}}}, "
        f"nullstr=[{nulls}])"
    )
    for name in ("organisations", "metrics"):
        con.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv({_lit(str(data / (name + '.csv')))})"
        )
    return {"duckdb_ingest_s": time.perf_counter() - start}


def child_ours_cold(data: Path, cache: Path) -> dict[str, Any]:
    from impact.store import Store

    start = time.perf_counter()
    store = Store(data, cache)
    ingest = time.perf_counter() - start
    summary = store.query("store_latest_and_mean")
    total = time.perf_counter() - start
    store.flush()
    written = time.perf_counter() - start
    return {
        "cold_ingest_s": ingest,
        "ours_end_to_end_s": total,
        "cache_written_s": written,
        "series": len(summary),
        "rows_loaded": int(
            store.cursor().execute("SELECT count(*) FROM observations").fetchone()[0]
        ),
        "peak_rss_mb": _peak_rss_mb(),
    }


def child_pandas(data: Path, cache: Path) -> dict[str, Any]:
    import pandas as pd

    start = time.perf_counter()
    frames = [pd.read_csv(p, parse_dates=["period_start"]) for p in _observation_files(data)]
    df = pd.concat(frames, ignore_index=True)
    df = df.sort_values("period_start")
    grouped = df.groupby(["org_code", "metric_id"])["value"]
    summary = pd.DataFrame({"latest_value": grouped.last(), "mean_value": grouped.mean()})
    return {
        "pandas_end_to_end_s": time.perf_counter() - start,
        "series": len(summary),
        "pandas_peak_rss_mb": _peak_rss_mb(),
    }


def child_ours_warm(data: Path, cache: Path) -> dict[str, Any]:
    from impact.store import Store

    start = time.perf_counter()
    store = Store(data, cache)
    warm = time.perf_counter() - start
    ingested_on_restart = store.files_ingested
    timings = []
    for _ in range(7):
        t0 = time.perf_counter()
        store.query("store_org_series", org_code=QUERY_ORG)
        timings.append(time.perf_counter() - t0)
    scale = json.loads((data / ".bench-scale.json").read_text())
    con = duckdb.connect(config=DUCKDB_CONFIG)
    con.execute(
        f"CREATE TABLE orgs AS SELECT * FROM read_csv({_lit(str(data / 'organisations.csv'))})"
    )
    write_practice_month(con, data, Scale(**scale), scale["months"])
    con.close()
    t0 = time.perf_counter()
    changed = store.refresh()
    new_file = time.perf_counter() - t0
    result: dict[str, Any] = {
        "warm_restart_s": warm,
        "files_parsed_on_restart": ingested_on_restart,
        "org_query_s": statistics.median(timings),
        "org_query_first_s": timings[0],
        "one_new_file_s": new_file,
        "new_file_seen": changed,
        "spc_all_series_s": None,
        "auto_limits_all_series_s": None,
    }
    try:
        from impact import spc
    except ImportError:
        return result
    store.flush()  # the new file's cache is written behind; the SPC figure is the engine's
    frame = spc_input(store.cursor())  # fetching the input is not part of the SPC figure
    t0 = time.perf_counter()
    spc.spc(
        frame,
        value_col="value",
        date_col="period_start",
        facet_cols=["metric_id", "org_code"],
        improvement_direction_col="improvement_direction",
    )
    result["spc_all_series_s"] = time.perf_counter() - t0
    result.update(auto_limits_figures(frame))
    return result


def auto_limits_figures(frame: Any) -> dict[str, Any]:
    """Every series through the Stable Shift Algorithm (XmR), timed by the one bench timer."""
    from bench.auto_limits_bench import timed_auto_limits

    facets = ["metric_id", "org_code"]
    _out, seconds, _cpu = timed_auto_limits(
        frame, value_col="value", date_col="period_start", facet_cols=facets
    )
    series = int(frame.groupby(facets, observed=True).ngroups)
    return {"auto_limits_all_series_s": seconds, "auto_limits_series": series}


#: Every observation with its metric's improvement direction, facets as integer codes.
#: Strings are coded once in DuckDB (a code table per facet, joined) because turning
#: millions of Python strings into pandas objects costs more than the SPC rules themselves.
SPC_INPUT_SQL = """
WITH m AS (SELECT metric_id, improvement_direction,
                  CAST(row_number() OVER (ORDER BY metric_id) - 1 AS INTEGER) AS m_code
           FROM metrics),
     g AS (SELECT org_code, CAST(row_number() OVER (ORDER BY org_code) - 1 AS INTEGER) AS o_code
           FROM (SELECT DISTINCT org_code FROM observations))
SELECT m.m_code, g.o_code, CAST(o.period_start AS TIMESTAMP) AS period_start, o.value
FROM observations o JOIN m USING (metric_id) JOIN g USING (org_code)
"""


def spc_input(cur: duckdb.DuckDBPyConnection) -> Any:
    """The SPC engine's input for every series: numbers from DuckDB, labels as categoricals."""
    import pandas as pd

    cols = cur.execute(SPC_INPUT_SQL).fetchnumpy()
    metrics = cur.execute("SELECT metric_id, improvement_direction FROM metrics ORDER BY 1")
    metric_ids, directions = (list(c) for c in zip(*metrics.fetchall(), strict=True))
    orgs = cur.execute("SELECT DISTINCT org_code FROM observations ORDER BY 1").fetchall()
    direction_codes, direction_names = pd.factorize(pd.Index(directions))
    m_code = cols["m_code"]
    return pd.DataFrame(
        {
            "metric_id": pd.Categorical.from_codes(m_code, metric_ids),
            "org_code": pd.Categorical.from_codes(cols["o_code"], [o for (o,) in orgs]),
            "period_start": cols["period_start"],
            "value": cols["value"],
            "improvement_direction": pd.Categorical.from_codes(
                direction_codes[m_code], direction_names
            ),
        },
        copy=False,
    )


CHILDREN = {
    "duckdb": child_duckdb,
    "ours_cold": child_ours_cold,
    "pandas": child_pandas,
    "ours_warm": child_ours_warm,
}


def _run_child(name: str, data: Path, cache: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.store_bench", name, str(data), str(cache)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark step {name!r} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_benchmark(scale_name: str = "small") -> dict[str, Any]:
    """Build the synthetic set in a temporary folder and measure every figure."""
    scale = SCALES[scale_name]
    with tempfile.TemporaryDirectory(prefix="impact-bench-") as tmp:
        data, cache = Path(tmp) / "data", Path(tmp) / "cache"
        counts = build_dataset(data, scale)
        (data / ".bench-scale.json").write_text(json.dumps(scale.__dict__))
        figures: dict[str, Any] = {"scale": scale_name, **counts}
        for name in ("duckdb", "ours_cold", "pandas", "ours_warm"):
            figures.update(_run_child(name, data, cache))
    return {k: figures.get(k) for k in FIGURES} | {
        k: v for k, v in figures.items() if k not in FIGURES
    }


if __name__ == "__main__":
    step, data_arg, cache_arg = sys.argv[1:4]
    print(json.dumps(CHILDREN[step](Path(data_arg), Path(cache_arg))))
