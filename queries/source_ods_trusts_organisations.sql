-- Purpose: the organisation hierarchy from an ODS trust list with region and ICB (columns
--          org_code, org_name, region_code, icb_code, region_name, icb_name, …): England, each
--          region (Y56…Y63) under England, each ICB under its region, each trust under its ICB
--          (under its region when the ICB is blank). Closed trusts are kept so that history
--          reported under their codes still has a home. Trusts outside NHS England's
--          regions (the Welsh trusts the file also lists: no region and no ICB) are left out,
--          since they have no place in the region → ICB → trust hierarchy.
--          Names are as published; the reader then writes them in proper case
--          (impact/sources/names.py); the store casts the columns to the contract.
-- Parameters: $path (VARCHAR, the CSV file).
WITH raw AS (
    SELECT *, row_number() OVER () + 1 AS source_line
    FROM read_csv($path, all_varchar = true, header = true)
),
trusts AS (
    SELECT
        source_line,
        upper(trim(org_code)) AS org_code,
        regexp_replace(trim(org_name), '\s+', ' ', 'g') AS org_name,
        nullif(upper(trim(region_code)), '') AS region_code,
        nullif(regexp_replace(trim(region_name), '\s+', ' ', 'g'), '') AS region_name,
        nullif(upper(trim(icb_code)), '') AS icb_code,
        nullif(regexp_replace(trim(icb_name), '\s+', ' ', 'g'), '') AS icb_name
    FROM raw
    WHERE nullif(trim(org_code), '') IS NOT NULL
      AND coalesce(nullif(trim(region_code), ''), nullif(trim(icb_code), '')) IS NOT NULL
)
SELECT
    org_code,
    org_name,
    'trust' AS org_type,
    coalesce(icb_code, region_code) AS parent_code,
    source_line
FROM trusts
UNION ALL
SELECT icb_code, any_value(icb_name ORDER BY source_line), 'icb',
       any_value(region_code ORDER BY source_line), min(source_line)
FROM trusts
WHERE icb_code IS NOT NULL
GROUP BY icb_code
UNION ALL
SELECT region_code, any_value(region_name ORDER BY source_line), 'region', 'ENG', min(source_line)
FROM trusts
WHERE region_code IS NOT NULL
GROUP BY region_code
UNION ALL
SELECT 'ENG', 'England', 'nation', NULL, NULL
