-- Purpose: for each observations file, the newest period of each metric it holds and
--          that metric's frequency, so the Data page can say whether a file is stale.
-- Parameters: none.
SELECT o.source_file,
       o.metric_id,
       any_value(m.frequency) AS frequency,
       max(o.period_start) AS latest_period
FROM observations AS o
LEFT JOIN metrics AS m USING (metric_id)
GROUP BY o.source_file, o.metric_id
ORDER BY o.source_file, o.metric_id
