-- Purpose: make replicas starting at once migrate one after another (released at commit).
-- Parameters: none.
SELECT pg_advisory_xact_lock(190019)
