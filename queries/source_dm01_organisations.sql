-- Purpose: organisations named by a DM01 provider workbook (statement dm01_providers): each
--          provider under its region (an NHS trust by its name, an independent provider as
--          'other'), the regions and England. The ODS register, when present, outranks these.
--          Names are as published; the reader then writes them in proper case
--          (impact/sources/names.py); the store casts the columns to the contract.
-- Parameters: none; reads the relation `providers`.
SELECT
    org_code,
    org_name,
    'provider' AS org_type,  -- trust or other: impact/sources/providers.py
    region_code AS parent_code,
    source_line
FROM providers
WHERE org_code <> 'ENG'
UNION ALL
SELECT DISTINCT region_code, region_name, 'region', 'ENG', NULL
FROM providers
WHERE region_code IS NOT NULL AND region_name IS NOT NULL
UNION ALL
SELECT 'ENG', 'England', 'nation', NULL, NULL
