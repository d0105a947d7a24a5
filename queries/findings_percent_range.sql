-- Purpose: a cross-file check: percentage values outside 0–100 (often a 0–1 fraction), per
--          file, with up to five examples, as warnings. Needs the metrics to know the unit.
-- Returns: source_file, row_count, examples ("metric org period = value", at most five).
-- Parameters: none.
SELECT o.source_file, count(*) AS row_count,
       list(o.metric_id || ' ' || o.org_code || ' ' || CAST(o.period_start AS VARCHAR)
            || ' = ' || CAST(o.value AS VARCHAR))[1:5] AS examples
FROM observations o
JOIN metrics m USING (metric_id)
WHERE m.unit = 'percent' AND (o.value < 0 OR o.value > 100)
GROUP BY o.source_file
ORDER BY o.source_file
