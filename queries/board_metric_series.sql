-- Purpose: one metric's values for a few organisations over the period (an organisation
--          beside its ICB and region, on the "compared" chart).
-- Parameters: $metric_id (VARCHAR), $org_codes (VARCHAR[]), $period_from (DATE, inclusive),
--             $period_to (DATE, inclusive).
SELECT org_code, period_start, value
FROM observations
WHERE metric_id = $metric_id
  AND list_contains($org_codes, org_code)
  AND period_start BETWEEN $period_from AND $period_to
ORDER BY org_code, period_start
