-- Purpose: the database server answers at all (before the schema is looked at).
-- Parameters: none.
SELECT 1 AS answers
