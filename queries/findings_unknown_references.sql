-- Purpose: a cross-file check: rows naming a metric or an organisation that nothing defines
--          (observations, targets and projects against the metrics catalogue; observations
--          against the organisations), one row per file and reference, as warnings.
-- Returns: source_file, column_name, looked_in (in words), codes (sorted), row_count.
-- Parameters: none.
WITH unknown AS (
    SELECT 1 AS check_order, source_file, 'metric_id' AS column_name,
           'the metrics catalogue' AS looked_in, metric_id AS code
    FROM observations
    WHERE metric_id IS NOT NULL
      AND metric_id NOT IN (SELECT metric_id FROM metrics WHERE metric_id IS NOT NULL)
    UNION ALL
    SELECT 2, source_file, 'org_code', 'the organisations', org_code
    FROM observations
    WHERE org_code IS NOT NULL
      AND org_code NOT IN (SELECT org_code FROM organisations WHERE org_code IS NOT NULL)
    UNION ALL
    SELECT 3, source_file, 'metric_id', 'the metrics catalogue', metric_id
    FROM targets
    WHERE metric_id IS NOT NULL
      AND metric_id NOT IN (SELECT metric_id FROM metrics WHERE metric_id IS NOT NULL)
    UNION ALL
    SELECT 4, source_file, 'metric_id', 'the metrics catalogue', metric_id
    FROM projects
    WHERE metric_id IS NOT NULL
      AND metric_id NOT IN (SELECT metric_id FROM metrics WHERE metric_id IS NOT NULL)
)
SELECT source_file, column_name, looked_in, list(DISTINCT code ORDER BY code) AS codes,
       count(*) AS row_count
FROM unknown
GROUP BY check_order, source_file, column_name, looked_in
ORDER BY check_order, source_file
