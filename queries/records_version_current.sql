-- Purpose: the newest schema migration applied (0 when none).
-- Parameters: none.
SELECT COALESCE(MAX(version), 0) FROM records_schema_version
