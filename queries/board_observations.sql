-- Purpose: every observation of one organisation within the period range, for SPC charts,
--          answers and numbers tables.
-- Parameters: $org_code (VARCHAR), $period_from (DATE, inclusive), $period_to (DATE, inclusive).
SELECT metric_id, org_code, period_start, value, numerator, denominator
FROM observations
WHERE org_code = $org_code
  AND period_start BETWEEN $period_from AND $period_to
ORDER BY metric_id, period_start
