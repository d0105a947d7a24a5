-- Purpose: the organisation hierarchy from the ONS sub-ICB location → ICB → NHS England region
--          lookup (columns SICBLyyCDH, SICBLyyNM, ICByyCDH, ICByyNM, NHSERyyCDH, NHSERyyNM for
--          the edition's year yy; ODS codes, not the ONS E-codes): each sub-ICB location
--          ('other') under its ICB, each ICB under its region, each region under England.
--          Names are as published; the reader then writes them in proper case
--          (impact/sources/names.py); the store casts the columns to the contract.
-- Parameters: $path (VARCHAR, the CSV file).
WITH raw AS (
    SELECT *, row_number() OVER () + 1 AS source_line
    FROM read_csv($path, all_varchar = true, header = true)
),
lookup AS (
    SELECT
        source_line,
        upper(trim(COLUMNS('(?i)^sicbl[0-9]{2}cdh$'))) AS sicbl_code,
        regexp_replace(trim(COLUMNS('(?i)^sicbl[0-9]{2}nm$')), '\s+', ' ', 'g') AS sicbl_name,
        upper(trim(COLUMNS('(?i)^icb[0-9]{2}cdh$'))) AS icb_code,
        regexp_replace(trim(COLUMNS('(?i)^icb[0-9]{2}nm$')), '\s+', ' ', 'g') AS icb_name,
        nullif(upper(trim(COLUMNS('(?i)^nhser[0-9]{2}cdh$'))), '') AS region_code,
        regexp_replace(trim(COLUMNS('(?i)^nhser[0-9]{2}nm$')), '\s+', ' ', 'g') AS region_name
    FROM raw
)
SELECT sicbl_code AS org_code, sicbl_name AS org_name, 'other' AS org_type,
       icb_code AS parent_code, source_line
FROM lookup
WHERE nullif(sicbl_code, '') IS NOT NULL
UNION ALL
SELECT icb_code, any_value(icb_name ORDER BY source_line), 'icb',
       coalesce(any_value(region_code ORDER BY source_line), 'ENG'), min(source_line)
FROM lookup
WHERE nullif(icb_code, '') IS NOT NULL
GROUP BY icb_code
UNION ALL
SELECT region_code, 'NHS England ' || any_value(region_name ORDER BY source_line), 'region',
       'ENG', min(source_line)
FROM lookup
WHERE region_code IS NOT NULL
GROUP BY region_code
UNION ALL
SELECT 'ENG', 'England', 'nation', NULL, NULL
