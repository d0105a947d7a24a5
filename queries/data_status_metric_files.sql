-- Purpose: for each metric, the file that supplied its newest period (for one organisation
--          when $org_code is set), so the stale-data banner can say which file a measure's
--          figures last came from and so which publication would bring it up to date.
-- Parameters: $org_code (VARCHAR or NULL for every organisation).
SELECT metric_id,
       max(period_start) AS latest_period,
       arg_max(source_file, period_start) AS source_file
FROM observations
WHERE $org_code IS NULL OR org_code = $org_code
GROUP BY metric_id
ORDER BY metric_id
