-- Purpose: one typed row per provider, and the England `Total` row, from the `Provider` sheet of
--          an NHS England DM01 monthly diagnostics workbook (rows read in Python; every cell
--          text). The month is the title block's `Period:` ("January 2025"); the region is the
--          `Regional Team Code` (Y56…Y63), named as every reader names it.
-- Parameters: $sheet (LIST of STRUCT: the sheet's rows, keyed by normalised header cell, with
--          source_line and title_period), $regions (LIST of STRUCT(region_code, region_name,
--          key)).
WITH raw AS (
    SELECT unnest($sheet, recursive := true)
),
regions AS (
    SELECT unnest($regions, recursive := true)
),
typed AS (
    SELECT
        CAST(try_strptime(trim(title_period), '%B %Y') AS DATE) AS period_start,
        CASE
            WHEN nullif(trim("provider code"), '') IS NULL
                 AND upper(trim("provider name")) = 'TOTAL' THEN 'ENG'
            ELSE upper(trim("provider code"))
        END AS org_code,
        regexp_replace(trim("provider name"), '\s+', ' ', 'g') AS org_name,
        nullif(upper(trim("regional team code")), '') AS region_code,
        CAST(source_line AS BIGINT) AS source_line,
        TRY_CAST(replace("total waiting list", ',', '') AS DOUBLE) AS waiting_list,
        TRY_CAST(replace("number waiting 6+ weeks", ',', '') AS DOUBLE) AS over_6wks,
        TRY_CAST(replace("number waiting 13+ weeks", ',', '') AS DOUBLE) AS over_13wks
    FROM raw
)
SELECT t.*, r.region_name
FROM typed AS t
LEFT JOIN regions AS r USING (region_code)
WHERE t.org_code IS NOT NULL AND t.org_code <> ''
