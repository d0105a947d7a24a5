-- Purpose: the readiness probe: the records answer a query (the schema version reached).
-- Parameters: none.
SELECT COALESCE(MAX(version), 0) AS version FROM records_schema_version
