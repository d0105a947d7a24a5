"""SQL: the one named-query runner (strict, bound parameters) and quoting for generated shapes.

``run`` returns a DataFrame; ``relation`` a lazy DuckDB relation (readers build on it).
"""

from impact.sql.named import (
    QUERIES_DIR,
    QueryError,
    bind,
    load_sql,
    parameter_names,
    relation,
    run,
    sql_path,
)
from impact.sql.quoting import ident, lit

__all__ = [
    "QUERIES_DIR",
    "QueryError",
    "bind",
    "ident",
    "lit",
    "load_sql",
    "parameter_names",
    "relation",
    "run",
    "sql_path",
]
