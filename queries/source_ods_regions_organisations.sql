-- Purpose: England and the NHS England regions from a region list (columns region_code,
--          region_name), each region under England.
--          Names are as published; the reader then writes them in proper case
--          (impact/sources/names.py); the store casts the columns to the contract.
-- Parameters: $path (VARCHAR, the CSV file).
WITH raw AS (
    SELECT *, row_number() OVER () + 1 AS source_line
    FROM read_csv($path, all_varchar = true, header = true)
)
SELECT
    upper(trim(region_code)) AS org_code,
    regexp_replace(trim(region_name), '\s+', ' ', 'g') AS org_name,
    'region' AS org_type,
    'ENG' AS parent_code,
    source_line
FROM raw
WHERE nullif(trim(region_code), '') IS NOT NULL
UNION ALL
SELECT 'ENG', 'England', 'nation', NULL, NULL
