-- Purpose: rows handed back to DuckDB from Python as one bound list: a reader's organisation
--          rows after their names were put in proper case (impact/sources/names.py), or a
--          publication's rows read once from the file so that every output reuses them
--          (impact/sources/publication.py). One row per struct, one column per field, in the
--          order given.
-- Parameters: $rows (LIST of STRUCT, every struct with the same fields).
SELECT unnest($rows, recursive := true)
