-- Purpose: a cross-file check: rows naming a metric or an organisation that nothing defines,
--          one row per file, column and code. Observations are checked against the metrics
--          (catalogue and extracts) and the organisations (extracts and what a publication's
--          reader names) and their rows are left out of `observations` (errors); targets and
--          projects are checked against the metrics and kept (warnings); plans against the
--          metrics and the organisations, and kept (warnings).
-- Returns: source_file, column_name, looked_in (in words), code, row_count, severity.
-- Parameters: none.
WITH unknown AS (
    SELECT 1 AS check_order, source_file, 'metric_id' AS column_name,
           'the metrics catalogue or any metrics extract' AS looked_in, metric_id AS code,
           'error' AS severity
    FROM observations_as_read
    WHERE metric_id IS NOT NULL
      AND metric_id NOT IN (SELECT metric_id FROM metrics WHERE metric_id IS NOT NULL)
    UNION ALL
    SELECT 2, source_file, 'org_code', 'any organisations extract or publication', org_code,
           'error'
    FROM observations_as_read
    WHERE org_code IS NOT NULL
      AND org_code NOT IN (SELECT org_code FROM organisations WHERE org_code IS NOT NULL)
    UNION ALL
    SELECT 3, source_file, 'metric_id', 'the metrics catalogue', metric_id, 'warning'
    FROM targets
    WHERE metric_id IS NOT NULL
      AND metric_id NOT IN (SELECT metric_id FROM metrics WHERE metric_id IS NOT NULL)
    UNION ALL
    SELECT 4, source_file, 'metric_id', 'the metrics catalogue', metric_id, 'warning'
    FROM projects
    WHERE metric_id IS NOT NULL
      AND metric_id NOT IN (SELECT metric_id FROM metrics WHERE metric_id IS NOT NULL)
    UNION ALL
    SELECT 5, source_file, 'metric_id', 'the metrics catalogue or any metrics extract',
           metric_id, 'warning'
    FROM plans
    WHERE metric_id IS NOT NULL
      AND metric_id NOT IN (SELECT metric_id FROM metrics WHERE metric_id IS NOT NULL)
    UNION ALL
    SELECT 6, source_file, 'org_code', 'any organisations extract or publication', org_code,
           'warning'
    FROM plans
    WHERE org_code IS NOT NULL
      AND org_code NOT IN (SELECT org_code FROM organisations WHERE org_code IS NOT NULL)
)
SELECT source_file, column_name, looked_in, code, count(*) AS row_count, severity
FROM unknown
GROUP BY check_order, source_file, column_name, looked_in, code, severity
ORDER BY check_order, source_file, code
