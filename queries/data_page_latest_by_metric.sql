-- Purpose: the newest period of every metric that has observations, with the metric's
--          name and reporting frequency, for the "data as at" stamp and the stale rule.
--          With $org_code set, only that organisation's observations count.
-- Parameters: $org_code (VARCHAR or NULL for every organisation).
SELECT o.metric_id,
       coalesce(any_value(m.metric_name), o.metric_id) AS metric_name,
       any_value(m.frequency) AS frequency,
       max(o.period_start) AS latest_period,
       count(*) AS observations
FROM observations AS o
LEFT JOIN metrics AS m USING (metric_id)
WHERE $org_code IS NULL OR o.org_code = $org_code
GROUP BY o.metric_id
ORDER BY o.metric_id
