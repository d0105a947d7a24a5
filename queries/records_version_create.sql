-- Purpose: the table recording which schema migrations the records have had.
-- Parameters: none.
CREATE TABLE IF NOT EXISTS records_schema_version (
    version INTEGER PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL
)
