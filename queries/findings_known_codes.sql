-- Purpose: every metric id and organisation code something defines, for "did you mean" in
--          the unknown-reference findings.
-- Returns: column_name ('metric_id' or 'org_code'), code.
-- Parameters: none.
SELECT DISTINCT 'metric_id' AS column_name, metric_id AS code
FROM metrics
WHERE metric_id IS NOT NULL
UNION ALL
SELECT DISTINCT 'org_code', org_code
FROM organisations
WHERE org_code IS NOT NULL
