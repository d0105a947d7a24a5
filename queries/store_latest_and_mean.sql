-- Purpose: the latest value and the mean of every organisation × metric series (the benchmark's end-to-end summary).
-- Used by: the benchmark only (python -m impact bench); no page or command runs it.
-- Parameters: none.
SELECT org_code, metric_id, arg_max(value, period_start) AS latest_value, avg(value) AS mean_value
FROM observations
GROUP BY org_code, metric_id
