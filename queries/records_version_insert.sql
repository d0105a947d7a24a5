-- Purpose: note that one schema migration has been applied.
-- Parameters: $version, $applied_at.
INSERT INTO records_schema_version (version, applied_at) VALUES ($version, $applied_at)
