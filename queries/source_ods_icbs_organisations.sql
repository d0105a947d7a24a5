-- Purpose: the organisation hierarchy from an ICB list with region (columns icb_code, icb_name,
--          region_code, region_name): England, each region under England, each ICB under its
--          region.
--          Names are as published; the reader then writes them in proper case
--          (impact/sources/names.py); the store casts the columns to the contract.
-- Parameters: $path (VARCHAR, the CSV file).
WITH raw AS (
    SELECT *, row_number() OVER () + 1 AS source_line
    FROM read_csv($path, all_varchar = true, header = true)
),
icbs AS (
    SELECT
        source_line,
        upper(trim(icb_code)) AS icb_code,
        regexp_replace(trim(icb_name), '\s+', ' ', 'g') AS icb_name,
        nullif(upper(trim(region_code)), '') AS region_code,
        nullif(regexp_replace(trim(region_name), '\s+', ' ', 'g'), '') AS region_name
    FROM raw
    WHERE nullif(trim(icb_code), '') IS NOT NULL
)
SELECT
    icb_code AS org_code,
    icb_name AS org_name,
    'icb' AS org_type,
    region_code AS parent_code,
    source_line
FROM icbs
UNION ALL
SELECT region_code, any_value(region_name ORDER BY source_line), 'region', 'ENG', min(source_line)
FROM icbs
WHERE region_code IS NOT NULL
GROUP BY region_code
UNION ALL
SELECT 'ENG', 'England', 'nation', NULL, NULL
