-- Purpose: each peer's value, numerator and denominator of one metric in one month, for the
--          funnel plot (a proportion is compared by its numerator over its denominator).
-- Parameters: $metric_id (VARCHAR), $org_codes (VARCHAR[]: the peers), $period_start (DATE).
SELECT org_code, period_start, value, numerator, denominator
FROM observations
WHERE metric_id = $metric_id
  AND list_contains($org_codes, org_code)
  AND period_start = $period_start
ORDER BY org_code
