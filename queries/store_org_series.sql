-- Purpose: every observation of one organisation, by metric and month (the store's per-organisation read).
-- Used by: the benchmark (one organisation's query on the warm store) and the store's tests
--          (bound parameters, many threads); no page or command runs it.
-- Parameters: $org_code (the organisation's code).
SELECT metric_id, period_start, value, numerator, denominator
FROM observations
WHERE org_code = $org_code
ORDER BY metric_id, period_start
