"""Named SQL: ``queries/<name>.sql`` loaded by name and run with bound parameters.

Keeping every statement in its own file (with a header comment saying what it answers
and which parameters it takes) means pages never hold SQL, and every user value reaches
DuckDB as a bound parameter (``$org_code``), never pasted into the text.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from impact import PROJECT_ROOT

QUERIES_DIR = PROJECT_ROOT / "queries"

_NAME = re.compile(r"^[a-z0-9_]+$")
_PARAM = re.compile(r"(?<![\w$])\$([A-Za-z_][A-Za-z0-9_]*)")
_cache: dict[Path, tuple[int, str]] = {}
_lock = threading.Lock()


class QueryError(ValueError):
    """A query name or its parameters are not acceptable."""


def sql_path(name: str, folder: Path = QUERIES_DIR) -> Path:
    """The file behind a query name; the name may not hold path parts or odd characters."""
    if not _NAME.match(name):
        raise QueryError(f"query name {name!r} must be lower-case letters, digits and '_' only")
    return folder / f"{name}.sql"


def load_sql(name: str, folder: Path = QUERIES_DIR) -> str:
    """The SQL text of a named query (cached; re-read when the file changes)."""
    path = sql_path(name, folder)
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError as exc:
        raise QueryError(f"no query named {name!r} (looked for {path.name} in queries/)") from exc
    with _lock:
        hit = _cache.get(path)
        if hit and hit[0] == mtime:
            return hit[1]
    text = path.read_text(encoding="utf-8")
    with _lock:
        _cache[path] = (mtime, text)
    return text


def parameter_names(sql: str) -> set[str]:
    """The ``$name`` parameters a statement uses (comments and string literals excluded)."""
    without_comments = re.sub(r"--[^\n]*", "", sql)
    without_strings = re.sub(r"'(?:[^']|'')*'", "''", without_comments)
    return set(_PARAM.findall(without_strings))


def bind(
    name: str, params: dict[str, Any], folder: Path = QUERIES_DIR
) -> tuple[str, dict[str, Any] | None]:
    """The SQL of a named query and its parameters, checked against what the text names.

    Exactly the parameters the statement names must be given: a missing one would fail
    inside DuckDB with a less helpful message, an unknown one is almost always a typo.
    Paths are passed as text (DuckDB binds ``str``, not ``Path``).
    """
    sql = load_sql(name, folder)
    wanted = parameter_names(sql)
    missing = wanted - params.keys()
    unknown = params.keys() - wanted
    if missing or unknown:
        raise QueryError(
            f"query {name!r} takes parameters {sorted(wanted)}; "
            f"missing {sorted(missing)}, unknown {sorted(unknown)}"
        )
    bound = {k: (str(v) if isinstance(v, Path) else v) for k, v in params.items()}
    return sql, (bound or None)


def run(
    con: duckdb.DuckDBPyConnection, name: str, folder: Path = QUERIES_DIR, **params: Any
) -> pd.DataFrame:
    """Run a named query on ``con`` with bound parameters and return a DataFrame."""
    sql, bound = bind(name, params, folder)
    return con.execute(sql, bound).df()


def relation(
    con: duckdb.DuckDBPyConnection, name: str, folder: Path = QUERIES_DIR, **params: Any
) -> duckdb.DuckDBPyRelation:
    """A named query as a lazy DuckDB relation (readers and staged reads build on it)."""
    sql, bound = bind(name, params, folder)
    return con.sql(sql, params=bound)
