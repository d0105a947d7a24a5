-- Purpose: a reader's organisation rows handed back to DuckDB after their names were put in
--          proper case in Python (impact/sources/names.py): one row per struct, one column
--          per field, in the order the reader gave them.
-- Parameters: $rows (LIST of STRUCT(org_code, org_name, org_type, parent_code, source_line),
--          the reader's organisation rows).
SELECT unnest($rows, recursive := true)
