-- Purpose: what each candidate peer's own figures say about its kind, over the year to the
--          period end: whether it reports type 1 A&E attendances (the denominator of the
--          type 1 four-hour measure) and whether it reports ambulance measures; and whether
--          anyone in the data reports type 1 attendances at all (if not, kinds cannot be told).
-- Parameters: $org_codes (VARCHAR[]), $period_from (DATE), $period_to (DATE, inclusive),
--             $type1_metric (VARCHAR), $ambulance_prefix (VARCHAR, e.g. 'amb_').
WITH recent AS (
    SELECT org_code, metric_id, denominator
    FROM observations
    WHERE period_start BETWEEN $period_from AND $period_to
)
SELECT org_code,
       bool_or(metric_id = $type1_metric AND coalesce(denominator, 0) > 0) AS type1,
       bool_or(starts_with(metric_id, $ambulance_prefix)) AS ambulance,
       (SELECT count(*) > 0 FROM recent WHERE metric_id = $type1_metric) AS type1_known
FROM recent
WHERE list_contains($org_codes, org_code)
GROUP BY org_code
ORDER BY org_code
