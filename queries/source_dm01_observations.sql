-- Purpose: observations from the DM01 provider rows (statement dm01_providers): for each
--          provider, each region (the sum of its providers) and England (the file's own `Total`
--          row): % waiting 6 weeks or more (6+ weeks over the total waiting list), the waiting
--          list, and the number waiting 13 weeks or more.
-- Parameters: none; reads the relation `providers`.
WITH levels AS (
    SELECT period_start, org_code, source_line, waiting_list, over_6wks, over_13wks
    FROM providers
    UNION ALL
    SELECT period_start, region_code, NULL, sum(waiting_list), sum(over_6wks), sum(over_13wks)
    FROM providers
    WHERE region_code IS NOT NULL AND org_code <> 'ENG'
    GROUP BY period_start, region_code
),
metrics AS (
    SELECT l.period_start, l.org_code, l.source_line, m.*
    FROM levels AS l,
    LATERAL (VALUES
        ('dm01_6wk_pct',
         100 * l.over_6wks / nullif(l.waiting_list, 0), l.over_6wks, l.waiting_list),
        ('dm01_waiting_list', l.waiting_list, NULL, NULL),
        ('dm01_13wk', l.over_13wks, NULL, NULL)
    ) AS m(metric_id, value, numerator, denominator)
)
SELECT metric_id, org_code, period_start, value, numerator, denominator, source_line
FROM metrics
WHERE value IS NOT NULL AND period_start IS NOT NULL
