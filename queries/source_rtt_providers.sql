-- Purpose: one row per provider from an NHS England RTT "full CSV data file" as downloaded:
--          the incomplete pathways (Part_2) over all treatment functions (C_999), summed over
--          commissioners, with the provider's parent ICB (`Provider Parent Org Code`) and that
--          ICB's region. Counts: pathways under 18 weeks (week bands below 18), over 52, 65 and
--          78 weeks (bands `Gt 52 To 53` … `Gt 104`, and so on), pathways with a known clock start
--          (the sum of all bands: the file leaves `Total` blank for Part_2) and the waiting list
--          (`Total All`, adding pathways with an unknown clock start; the bands' sum if blank).
-- Parameters: $path (VARCHAR, the CSV file), $icbs (LIST of STRUCT(icb_code, region_code)),
--          $regions (LIST of STRUCT(region_code, region_name, key)).
WITH raw AS (
    SELECT *, row_number() OVER () + 1 AS source_line
    FROM read_csv($path, all_varchar = true, header = true)
),
incomplete AS MATERIALIZED (
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
        sum(n) AS in_bands,
        sum(n) FILTER (WHERE lower_week < 18) AS within_18wks,
        sum(n) FILTER (WHERE lower_week >= 52) AS over_52wks,
        sum(n) FILTER (WHERE lower_week >= 65) AS over_65wks,
        sum(n) FILTER (WHERE lower_week >= 78) AS over_78wks
    FROM (
        SELECT
            source_line,
            TRY_CAST(regexp_extract(band, '(?i)^gt ([0-9]+)', 1) AS INTEGER) AS lower_week,
            TRY_CAST(replace(trim(patients), ',', '') AS DOUBLE) AS n
        FROM bands
    )
    GROUP BY source_line
),
icbs AS (
    SELECT unnest($icbs, recursive := true)
),
regions AS (
    SELECT unnest($regions, recursive := true)
),
providers AS (
    SELECT
        CAST(try_strptime(
            regexp_extract(upper(trim(i."Period")), '([A-Z]+-[0-9]{4})\s*$', 1), '%B-%Y'
        ) AS DATE) AS period_start,
        upper(trim(i."Provider Org Code")) AS org_code,
        any_value(regexp_replace(trim(i."Provider Org Name"), '\s+', ' ', 'g')) AS org_name,
        any_value(nullif(upper(trim(i."Provider Parent Org Code")), '')) AS icb_code,
        any_value(regexp_replace(trim(i."Provider Parent Name"), '\s+', ' ', 'g')) AS icb_name,
        min(i.source_line) AS source_line,
        sum(w.within_18wks) AS within_18wks,
        sum(w.in_bands) AS known_start,
        sum(coalesce(
            TRY_CAST(replace(trim(i."Total All"), ',', '') AS DOUBLE), w.in_bands
        )) AS waiting_list,
        sum(w.over_52wks) AS over_52wks,
        sum(w.over_65wks) AS over_65wks,
        sum(w.over_78wks) AS over_78wks
    FROM incomplete AS i
    JOIN waits AS w USING (source_line)
    GROUP BY 1, 2
)
SELECT p.*, b.region_code, r.region_name
FROM providers AS p
LEFT JOIN icbs AS b USING (icb_code)
LEFT JOIN regions AS r USING (region_code)
