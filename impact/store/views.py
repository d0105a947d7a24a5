"""The tables pages query: one view per contract over every file's cached rows.

``observations``, ``metrics`` … are views over the Parquet files in the cache (and, for a
large file whose cache is still being written, over its staged in-memory table), so
building them costs nothing and memory stays small. Rows that lose a duplicate key to
another file are left out (:mod:`impact.store.duplicates`). The national catalogue is
always part of ``metrics`` and ``targets``; an analyst's rows for the same ``metric_id``
replace it. All views are replaced in one transaction, so a query never sees half of them.

Observations must name a metric and an organisation something defines: ``observations``
holds only those (:data:`DEFINED_OBSERVATIONS`); every row read is in
``observations_as_read``, where :mod:`impact.store.findings` finds the others and says
which file holds them and what the id was probably meant to be.

The statements are generated (their shape depends on the files present); every name and
path in them is quoted with :func:`impact.sql.ident` / :func:`impact.sql.lit`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from impact import contracts
from impact.contracts import Contract
from impact.ingest import FileResult, Finding, Output, staging
from impact.sql import ident, lit
from impact.store.duplicates import Entry, resolve_duplicates

#: The view of every observation read, before the rows naming undefined ids are left out.
OBSERVATIONS_AS_READ = "observations_as_read"

#: The rule that an observation's metric and organisation must be defined: by the metrics
#: catalogue or a metrics extract, by an organisations extract or a publication's reader.
#: A typo'd id would otherwise vanish from every page with nobody told.
DEFINED_OBSERVATIONS = (
    f"CREATE OR REPLACE VIEW observations AS SELECT * FROM {OBSERVATIONS_AS_READ} "
    "WHERE metric_id IN (SELECT metric_id FROM metrics) "
    "AND org_code IN (SELECT org_code FROM organisations)"
)


class ViewBuilder:
    """Builds the views from the files' results; the store calls it under its lock."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        results: dict[str, FileResult],
        staged_ids: dict[str, set[int]],
        parquet_dir: Path,
    ) -> None:
        self.con = con
        self.results = results
        self.staged_ids = staged_ids
        self.parquet_dir = parquet_dir

    def build(self) -> list[Finding]:
        """Point every view at the current files; return the duplicate-key warnings."""
        duplicates: list[Finding] = []
        statements: list[str] = []
        for contract in contracts.CONTRACTS.values():
            more, found = self._statements(contract)
            statements += more
            duplicates += found
        statements.append(DEFINED_OBSERVATIONS)  # last: it reads the metrics and organisations
        self.con.execute("BEGIN TRANSACTION")
        try:
            for statement in statements:
                self.con.execute(statement)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return duplicates

    def parquet(self, out: Output) -> str:
        """An output's cached Parquet file, as a SQL literal."""
        return lit(str(self.parquet_dir / out.parquet))

    def _statements(self, contract: Contract) -> tuple[list[str], list[Finding]]:
        name = contract.name
        cols = ", ".join(ident(c) for c in (*contract.column_names, "source_file"))
        analyst: list[Entry] = []
        catalogue: list[tuple[str, Output]] = []
        for rel, result in self.results.items():
            out = result.outputs.get(name)
            if out is None or out.rows == 0:
                continue
            if result.report.origin == "catalogue":
                catalogue.append((rel, out))
            else:
                analyst.append((rel, result, out))
        losers_table = f"_losers_{name}"
        dirty, found = resolve_duplicates(self.con, contract, analyst, losers_table, self.rows_sql)
        # Without losers the table is dropped; with them it was just created.
        statements = [] if dirty else [f"DROP TABLE IF EXISTS {losers_table}"]
        parts: list[str] = []
        clean = [(rel, o) for rel, _r, o in analyst if rel not in dirty]
        if clean:
            parts.append(self.rows_sql(contract, clean))
        if dirty:
            rows = self.rows_sql(contract, [(rel, o) for rel, _r, o in analyst if rel in dirty])
            on = " AND ".join(
                f"p.{ident(k)} IS NOT DISTINCT FROM l.{ident(k)}"
                for k in (*contract.key, "source_file")
            )
            p_cols = ", ".join("p." + ident(c) for c in (*contract.column_names, "source_file"))
            parts.append(f"SELECT {p_cols} FROM ({rows}) p ANTI JOIN {losers_table} l ON {on}")
        own = " UNION ALL ".join(parts) if parts else empty_select(contract)
        if catalogue:
            body = (
                f"WITH own AS ({own}) SELECT {cols} FROM own UNION ALL "
                f"SELECT {cols} FROM ({self.rows_sql(contract, catalogue)}) "
                f"WHERE metric_id NOT IN (SELECT metric_id FROM own)"
            )
        else:
            body = own
        view = OBSERVATIONS_AS_READ if name == "observations" else name
        statements.append(f"CREATE OR REPLACE VIEW {ident(view)} AS {body}")
        return statements, found

    def rows_sql(self, contract: Contract, outputs: list[tuple[str, Output]]) -> str:
        """A SELECT of the given files' rows (contract columns and ``source_file``).

        Files already cached are read from Parquet in one scan; staged files from their
        in-memory table, one scan per table.
        """
        cols = ", ".join(ident(c) for c in (*contract.column_names, "source_file"))
        parts: list[str] = []
        cached = [self.parquet(o) for _rel, o in outputs if not o.staged]
        if cached:
            parts.append(f"SELECT {cols} FROM read_parquet([{', '.join(cached)}])")
        tables: dict[str, dict[int, str]] = {}
        for rel, o in outputs:
            if o.staged and o.file_id is not None:
                tables.setdefault(o.staged, {})[o.file_id] = rel
        for table, files in tables.items():
            filtered = set(files) != self.staged_ids.get(table, set())
            parts.append(staging.relation(contract, table, files, filtered))
        return " UNION ALL ".join(parts)


def empty_select(contract: Contract) -> str:
    """A typed SELECT of no rows, for a contract no file holds (its view still exists)."""
    cols = ", ".join(f"CAST(NULL AS {c.type}) AS {ident(c.name)}" for c in contract.columns)
    return f"SELECT {cols}, CAST(NULL AS VARCHAR) AS source_file WHERE false"
