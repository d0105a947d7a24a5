-- Purpose: observations from GP appointment rows (statement gp_appointments_rows), per
--          organisation and month: % of appointments booked within two weeks (Same Day, 1 Day,
--          2 to 7 Days, 8 to 14 Days) and % same day, both over appointments whose booking
--          interval is known (the "Unknown / Data Issue" band is left out of both parts);
--          total appointments; DNA rate = did-not-attend ÷ appointments whose status is known
--          (attended or DNA; the "Unknown" status is left out) × 100.
--          Columns are left in the types computed here; the store casts them to the contract.
-- Parameters: none; reads the relation `appointments`.
WITH levels AS (
    SELECT
        org_code,
        period_start,
        min(source_line) AS source_line,
        sum(appointments) AS total,
        sum(appointments) FILTER (WHERE interval_band NOT LIKE 'unknown%') AS known_interval,
        sum(appointments) FILTER (
            WHERE interval_band IN ('same day', '1 day', '2 to 7 days', '8 to 14 days')
        ) AS within_2wks,
        sum(appointments) FILTER (WHERE interval_band = 'same day') AS same_day,
        sum(appointments) FILTER (WHERE status = 'dna') AS dna,
        sum(appointments) FILTER (WHERE status NOT LIKE 'unknown%') AS known_status
    FROM appointments
    GROUP BY org_code, period_start
),
metrics AS (
    SELECT l.org_code, l.period_start, l.source_line, m.*
    FROM levels AS l,
    LATERAL (VALUES
        ('gp_appts_within_2wks',
         100 * l.within_2wks / nullif(l.known_interval, 0), l.within_2wks, l.known_interval),
        ('gp_same_day_pct',
         100 * l.same_day / nullif(l.known_interval, 0), l.same_day, l.known_interval),
        ('gp_appts_total', l.total, NULL, NULL),
        ('gp_dna_rate',
         100 * coalesce(l.dna, 0) / nullif(l.known_status, 0), coalesce(l.dna, 0),
         l.known_status)
    ) AS m(metric_id, value, numerator, denominator)
)
SELECT metric_id, org_code, period_start, value, numerator, denominator, source_line
FROM metrics
WHERE value IS NOT NULL
