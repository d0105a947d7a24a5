-- Purpose: the improvement projects of one organisation, to tell whether a metric that is
--          struggling has improvement work aimed at it.
-- Parameters: $org_code (VARCHAR).
SELECT project_id, org_code, title, priority, metric_id, method, status, start_date,
       end_date, lead
FROM projects
WHERE org_code = $org_code
ORDER BY status, start_date DESC, project_id
