-- Purpose: the improvement projects of one organisation aimed at one metric (metric detail).
-- Parameters: $org_code (VARCHAR), $metric_id (VARCHAR).
SELECT project_id, title, method, status, start_date, end_date, lead
FROM projects
WHERE org_code = $org_code
  AND metric_id = $metric_id
ORDER BY start_date DESC, project_id
