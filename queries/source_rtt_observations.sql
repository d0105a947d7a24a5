-- Purpose: observations from the RTT provider rows (statement rtt_providers): each provider, each
--          ICB (the sum of the providers whose parent it is: provider basis, not the
--          commissioner basis NHS England also publishes), each region and England (sums of
--          providers). 18-week % = pathways under 18 weeks / pathways with a known clock start
--          (`Total`), as NHS England computes it; 52-week % has the same denominator. The
--          waiting list is `Total All` (unknown clock starts included).
-- Parameters: none; reads the relation `providers`.
WITH levels AS (
    SELECT period_start, org_code, source_line,
           within_18wks, known_start, waiting_list, over_52wks, over_65wks, over_78wks
    FROM providers
    UNION ALL
    SELECT period_start, code, NULL,
           sum(within_18wks), sum(known_start), sum(waiting_list),
           sum(over_52wks), sum(over_65wks), sum(over_78wks)
    FROM (
        SELECT *, unnest([icb_code, region_code, 'ENG']) AS code FROM providers
    )
    WHERE code IS NOT NULL
    GROUP BY period_start, code
),
metrics AS (
    SELECT l.period_start, l.org_code, l.source_line, m.*
    FROM levels AS l,
    LATERAL (VALUES
        ('rtt_18wk_pct',
         100 * l.within_18wks / nullif(l.known_start, 0), l.within_18wks, l.known_start),
        ('rtt_waiting_list', l.waiting_list, NULL, NULL),
        ('rtt_52wk', l.over_52wks, NULL, NULL),
        ('rtt_52wk_pct',
         100 * l.over_52wks / nullif(l.known_start, 0), l.over_52wks, l.known_start),
        ('rtt_65wk', l.over_65wks, NULL, NULL),
        ('rtt_78wk', l.over_78wks, NULL, NULL)
    ) AS m(metric_id, value, numerator, denominator)
)
SELECT metric_id, org_code, period_start, value, numerator, denominator, source_line
FROM metrics
WHERE value IS NOT NULL AND period_start IS NOT NULL
