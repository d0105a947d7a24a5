-- Purpose: England and the NHS England regions from a region list (columns region_code,
--          region_name), each region under England.
-- Parameters: $path (VARCHAR, the CSV file).
WITH raw AS (
    SELECT *, row_number() OVER () + 1 AS source_line
    FROM read_csv($path, all_varchar = true, header = true)
)
SELECT
    CAST(upper(trim(region_code)) AS VARCHAR) AS org_code,
    CAST(regexp_replace(trim(region_name), '\s+', ' ', 'g') AS VARCHAR) AS org_name,
    CAST('region' AS VARCHAR) AS org_type,
    CAST('ENG' AS VARCHAR) AS parent_code,
    CAST(source_line AS BIGINT) AS source_line
FROM raw
WHERE nullif(trim(region_code), '') IS NOT NULL
UNION ALL
SELECT 'ENG', 'ENGLAND', 'nation', CAST(NULL AS VARCHAR), CAST(NULL AS BIGINT)
