"""The SQL shapes of reading an extract and caching it: ``read_csv`` typed by the contract,
the select list, the sort order and the Parquet file's name and options.

These are *generated* shapes (a contract's columns, a cache file's path), quoted with
:func:`impact.sql.lit` and :func:`impact.sql.ident`; no value from a file passes here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from impact import contracts
from impact.contracts import Contract
from impact.ingest.file_stat import FileStat
from impact.sql import ident, lit

#: The schema of the tables that hold rows in memory while (or because) their Parquet
#: cache is not written: large files read together (:mod:`impact.ingest.staging`) and any
#: file whose cache the disk refused (:mod:`impact.ingest.one_file`).
STAGE_SCHEMA = "_staged"
#: The column of such a table that says which file a row came from (numbered from 1).
FILE_COLUMN = "_file"

#: How the cache's Parquet is written: uncompressed is the fastest to write and to read;
#: small row groups, sorted by organisation, let one organisation's query skip the rest.
PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 8192"


def read_csv_sql(
    contract: Contract,
    names: list[str],
    paths: list[Path],
    rejects: str,
    scan: str,
    null_strings: tuple[str, ...] = contracts.NULL_STRINGS,
) -> str:
    """The ``read_csv`` call for files laid out as ``names``, typed by the contract.

    ``store_rejects`` keeps a row DuckDB cannot read (a cast error, too many fields) out
    of the result and in the ``rejects`` table, so one bad row never stops the file.
    Several files are read as one (``file_index`` numbers them from 0, in list order).
    """
    types = contract.duckdb_types()
    columns = ", ".join(f"{lit(n)}: {lit(types.get(n, 'VARCHAR'))}" for n in names)
    nulls = ", ".join(lit(s) for s in null_strings)
    files = ", ".join(lit(str(p)) for p in paths)
    return (
        f"read_csv([{files}], header=true, auto_detect=false, "
        f"delim=',', quote='\"', escape='\"', "
        f"columns={{{columns}}}, nullstr=[{nulls}], store_rejects=true, "
        f"rejects_table={lit(rejects)}, rejects_scan={lit(scan)})"
    )


def select_list(contract: Contract, names: list[str], trim: bool = True) -> str:
    """The contract's columns from a file read as ``names``; absent ones are NULL."""
    return ", ".join(_select_column(c, c.name in names, trim) for c in contract.columns)


def _select_column(column: contracts.Column, present: bool, trim: bool = True) -> str:
    name = ident(column.name)
    if not present:
        return f"CAST(NULL AS {column.type}) AS {name}"
    if column.type == "VARCHAR" and trim:
        return f"nullif(trim({name}), '') AS {name}"
    return name


def order_by(contract: Contract) -> str:
    """Rows grouped by organisation, so one organisation's query skips most row groups.

    Only ``org_code`` is sorted on: it is what the pruning needs, and a one-column sort
    costs least on ingest. Contracts without organisations keep the file's order.
    """
    return "ORDER BY org_code" if "org_code" in contract.column_names else ""


def parquet_name(stat: FileStat, contract: Contract) -> str:
    """The cache file for one file's rows of one contract: changes when the file does."""
    digest = hashlib.sha1(stat.rel.encode()).hexdigest()[:12]
    return f"{digest}-{stat.size}-{stat.mtime_ns}-{contract.name}.parquet"
