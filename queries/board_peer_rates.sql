-- Purpose: each peer's latest count of one metric at or before the period end, as a rate of
--          the same organisation's denominator metric in the same period (12-hour waits per
--          1,000 attendances, long waiters per 100 on the waiting list), with both figures.
-- Parameters: $metric_id (VARCHAR, the count), $denominator_metric (VARCHAR), $per (DOUBLE),
--             $org_codes (VARCHAR[]: the peers), $period_to (DATE).
WITH counts AS (
    SELECT org_code, period_start, value AS count
    FROM observations
    WHERE metric_id = $metric_id
      AND list_contains($org_codes, org_code)
      AND period_start <= $period_to
    QUALIFY row_number() OVER (PARTITION BY org_code ORDER BY period_start DESC) = 1
)
SELECT c.org_code,
       c.period_start,
       $per * c.count / nullif(d.value, 0) AS value,
       c.count,
       d.value AS denominator
FROM counts AS c
LEFT JOIN observations AS d
    ON d.metric_id = $denominator_metric
   AND d.org_code = c.org_code
   AND d.period_start = c.period_start
ORDER BY c.org_code
