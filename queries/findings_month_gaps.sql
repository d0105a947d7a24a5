-- Purpose: a cross-file check: monthly series with months missing between their first and
--          last value, as warnings (the file holding the latest value is named).
-- Returns: metric_id, org_code, first_period, last_period, missing (months), source_file.
-- Parameters: none.
SELECT o.metric_id, o.org_code, min(o.period_start) AS first_period,
       max(o.period_start) AS last_period,
       date_diff('month', min(o.period_start), max(o.period_start)) + 1
           - count(DISTINCT date_trunc('month', o.period_start)) AS missing,
       arg_max(o.source_file, o.period_start) AS source_file
FROM observations o
JOIN metrics m USING (metric_id)
WHERE m.frequency = 'month'
GROUP BY o.metric_id, o.org_code
HAVING missing > 0
ORDER BY o.metric_id, o.org_code
