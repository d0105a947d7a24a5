-- Purpose: the full history, up to the end of the period, of the metrics improvement projects
--          aim at, for the organisations running them: the series behind "Is it working?".
--          The history is not cut at the period's start, so a short viewing window does not
--          hide the baseline a project is judged against.
-- Parameters: $org_codes (VARCHAR[]), $metric_ids (VARCHAR[]), $period_to (DATE).
SELECT metric_id, org_code, period_start, value
FROM observations
WHERE list_contains($org_codes, org_code)
  AND list_contains($metric_ids, metric_id)
  AND period_start <= $period_to
ORDER BY org_code, metric_id, period_start
