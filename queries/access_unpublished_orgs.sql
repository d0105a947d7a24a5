-- Purpose: every organisation an analyst's own extract names (not a published statistic),
--          so a user whose scope does not cover it never sees its rows.
-- Parameters: $published (VARCHAR[]: the source files that are published statistics).
SELECT org_code FROM observations WHERE NOT list_contains($published, source_file)
UNION
SELECT org_code FROM targets
WHERE org_code IS NOT NULL AND NOT list_contains($published, source_file)
UNION
SELECT org_code FROM events
WHERE org_code IS NOT NULL AND NOT list_contains($published, source_file)
UNION
SELECT org_code FROM projects WHERE NOT list_contains($published, source_file)
UNION
SELECT org_code FROM capability WHERE NOT list_contains($published, source_file)
UNION
SELECT org_code FROM self_assessment WHERE NOT list_contains($published, source_file)
ORDER BY org_code
