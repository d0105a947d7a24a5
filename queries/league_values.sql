-- Purpose: every value of some metrics for the peer organisations over a few months, for the
--          league table (each metric ranked among the peers in our latest month and in the
--          month a quarter before).
-- Parameters: $metric_ids (VARCHAR[]: the ranked metrics and their rate denominators),
--             $org_codes (VARCHAR[]: the peers), $period_from (DATE), $period_to (DATE).
SELECT metric_id, org_code, period_start, value
FROM observations
WHERE list_contains($metric_ids, metric_id)
  AND list_contains($org_codes, org_code)
  AND period_start BETWEEN $period_from AND $period_to
  AND value IS NOT NULL
ORDER BY metric_id, org_code, period_start
