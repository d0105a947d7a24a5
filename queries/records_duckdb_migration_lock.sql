-- Purpose: nothing to lock: a DuckDB file has one writing process at a time already.
-- Parameters: none.
SELECT 1
