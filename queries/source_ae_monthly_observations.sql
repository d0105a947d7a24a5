-- Purpose: observations from the A&E monthly provider rows (statement ae_monthly_providers):
--          each provider, each region and England (ENG), the last two as sums of providers,
--          exactly as NHS England computes its national and regional figures. 4-hour % counts
--          booked appointments (1 - all "over 4hrs" columns / all attendance columns).
--          Columns are left in the types computed here; the store casts them to the contract.
-- Parameters: none; reads the relation `providers`.
WITH levels AS (
    SELECT period_start, org_code, source_line,
           attendances, over_4hrs, attendances_type1, over_4hrs_type1,
           dta_over_4hrs, dta_over_12hrs, admissions_via_ae
    FROM providers
    UNION ALL
    SELECT period_start, region_code, NULL,
           sum(attendances), sum(over_4hrs), sum(attendances_type1), sum(over_4hrs_type1),
           sum(dta_over_4hrs), sum(dta_over_12hrs), sum(admissions_via_ae)
    FROM providers
    WHERE region_code IS NOT NULL
    GROUP BY period_start, region_code
    UNION ALL
    SELECT period_start, 'ENG', NULL,
           sum(attendances), sum(over_4hrs), sum(attendances_type1), sum(over_4hrs_type1),
           sum(dta_over_4hrs), sum(dta_over_12hrs), sum(admissions_via_ae)
    FROM providers
    GROUP BY period_start
),
metrics AS (
    SELECT l.period_start, l.org_code, l.source_line, m.*
    FROM levels AS l,
    LATERAL (VALUES
        ('ae_4hr_all',
         100 * (l.attendances - l.over_4hrs) / nullif(l.attendances, 0),
         l.attendances - l.over_4hrs, l.attendances),
        ('ae_4hr_type1',
         100 * (l.attendances_type1 - l.over_4hrs_type1) / nullif(l.attendances_type1, 0),
         l.attendances_type1 - l.over_4hrs_type1, l.attendances_type1),
        ('ae_attendances', l.attendances, NULL, NULL),
        ('ae_4hr_dta', l.dta_over_4hrs, NULL, NULL),
        ('ae_12hr_dta', l.dta_over_12hrs, NULL, NULL),
        ('ae_emergency_admissions', l.admissions_via_ae, NULL, NULL)
    ) AS m(metric_id, value, numerator, denominator)
)
SELECT metric_id, org_code, period_start, value, numerator, denominator, source_line
FROM metrics
WHERE value IS NOT NULL
