-- Purpose: observations from the AmbSYS rows (statement ambsys_rows): Category 1 and 2 mean
--          and 90th centile response times in minutes for England, each region and each
--          ambulance trust, each the file's own figure for that organisation (seconds / 60).
--          A centile or a mean cannot be rebuilt from trusts, so no level is recomputed, and
--          a mean is not a proportion, so numerator and denominator stay empty.
-- Parameters: none; reads the relation `ambsys`.
WITH metrics AS (
    SELECT a.period_start, a.org_code, a.source_line, m.*
    FROM ambsys AS a,
    LATERAL (VALUES
        ('amb_cat1_mean', a.cat1_mean_s / 60),
        ('amb_cat1_90th', a.cat1_90th_s / 60),
        ('amb_cat2_mean', a.cat2_mean_s / 60),
        ('amb_cat2_90th', a.cat2_90th_s / 60)
    ) AS m(metric_id, value)
)
SELECT metric_id, org_code, period_start, value, NULL AS numerator, NULL AS denominator,
       source_line
FROM metrics
WHERE value IS NOT NULL AND period_start IS NOT NULL
