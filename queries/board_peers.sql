-- Purpose: each peer organisation's latest value of one metric at or before the period end,
--          for the ranked peer comparison.
-- Parameters: $metric_id (VARCHAR), $org_codes (VARCHAR[]: the peers), $period_to (DATE).
SELECT org_code, period_start, value
FROM observations
WHERE metric_id = $metric_id
  AND list_contains($org_codes, org_code)
  AND period_start <= $period_to
QUALIFY row_number() OVER (PARTITION BY org_code ORDER BY period_start DESC) = 1
ORDER BY org_code
