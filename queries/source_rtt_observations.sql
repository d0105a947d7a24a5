-- Purpose: observations from an NHS England RTT "full CSV data file" as downloaded: per provider
--          (summed over commissioners) the incomplete-pathway waiting list (Part_2, treatment
--          function C_999 = all functions): % waiting under 18 weeks (week bands below 18 over
--          `Total`, i.e. pathways with a known clock start), the waiting list (`Total All`,
--          including unknown clock starts), and pathways waiting over 52, 65 and 78 weeks
--          (bands `Gt 52 To 53` … `Gt 104`, and so on).
--          Columns are left in the types computed here; the store casts them to the contract.
-- Parameters: $path (VARCHAR, the CSV file).
WITH raw AS (
    SELECT *, row_number() OVER () + 1 AS source_line
    FROM read_csv($path, all_varchar = true, header = true)
),
incomplete AS (
    SELECT *
    FROM raw
    WHERE upper(trim("RTT Part Type")) = 'PART_2'
      AND upper(trim("Treatment Function Code")) = 'C_999'
      AND nullif(trim("Provider Org Code"), '') IS NOT NULL
      AND upper(trim("Provider Org Code")) <> 'TOTAL'
),
bands AS (
    UNPIVOT (
        SELECT source_line, COLUMNS('(?i)^gt [0-9]+ ')
        FROM incomplete
    )
    ON COLUMNS('(?i)^gt [0-9]+ ')
    INTO NAME band VALUE patients
),
waits AS (
    SELECT
        source_line,
        sum(TRY_CAST(replace(trim(patients), ',', '') AS DOUBLE))
            FILTER (WHERE lower_week < 18) AS within_18wks,
        sum(TRY_CAST(replace(trim(patients), ',', '') AS DOUBLE))
            FILTER (WHERE lower_week >= 52) AS over_52wks,
        sum(TRY_CAST(replace(trim(patients), ',', '') AS DOUBLE))
            FILTER (WHERE lower_week >= 65) AS over_65wks,
        sum(TRY_CAST(replace(trim(patients), ',', '') AS DOUBLE))
            FILTER (WHERE lower_week >= 78) AS over_78wks
    FROM (
        SELECT *, TRY_CAST(regexp_extract(band, '(?i)^gt ([0-9]+)', 1) AS INTEGER) AS lower_week
        FROM bands
    )
    GROUP BY source_line
),
providers AS (
    SELECT
        CAST(try_strptime(
            regexp_extract(upper(trim(i."Period")), '([A-Z]+-[0-9]{4})\s*$', 1), '%B-%Y'
        ) AS DATE) AS period_start,
        upper(trim(i."Provider Org Code")) AS org_code,
        min(i.source_line) AS source_line,
        sum(w.within_18wks) AS within_18wks,
        sum(TRY_CAST(replace(trim(i."Total"), ',', '') AS DOUBLE)) AS known_start,
        sum(coalesce(
            TRY_CAST(replace(trim(i."Total All"), ',', '') AS DOUBLE),
            TRY_CAST(replace(trim(i."Total"), ',', '') AS DOUBLE)
        )) AS waiting_list,
        sum(w.over_52wks) AS over_52wks,
        sum(w.over_65wks) AS over_65wks,
        sum(w.over_78wks) AS over_78wks
    FROM incomplete AS i
    JOIN waits AS w USING (source_line)
    GROUP BY ALL
),
metrics AS (
    SELECT p.period_start, p.org_code, p.source_line, m.*
    FROM providers AS p,
    LATERAL (VALUES
        ('rtt_18wk_pct',
         100 * p.within_18wks / nullif(p.known_start, 0), p.within_18wks, p.known_start),
        ('rtt_waiting_list', p.waiting_list, NULL, NULL),
        ('rtt_52wk', p.over_52wks, NULL, NULL),
        ('rtt_65wk', p.over_65wks, NULL, NULL),
        ('rtt_78wk', p.over_78wks, NULL, NULL)
    ) AS m(metric_id, value, numerator, denominator)
)
SELECT metric_id, org_code, period_start, value, numerator, denominator, source_line
FROM metrics
WHERE value IS NOT NULL
