-- Purpose: every observation of one organisation, by metric and month (the store's per-organisation read).
-- Parameters: $org_code (the organisation's code).
SELECT metric_id, period_start, value, numerator, denominator
FROM observations
WHERE org_code = $org_code
ORDER BY metric_id, period_start
