-- Purpose: the observations of the metrics improvement projects aim at, for the
--          organisations running them, within the period: the series behind "Is it working?".
-- Parameters: $org_codes (VARCHAR[]), $metric_ids (VARCHAR[]), $period_from (DATE),
--             $period_to (DATE).
SELECT metric_id, org_code, period_start, value
FROM observations
WHERE list_contains($org_codes, org_code)
  AND list_contains($metric_ids, metric_id)
  AND period_start BETWEEN $period_from AND $period_to
ORDER BY org_code, metric_id, period_start
