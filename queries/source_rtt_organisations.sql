-- Purpose: organisations named by an RTT full CSV data file (statement rtt_providers): each
--          provider under its parent ICB (an NHS trust by its name, anything else as 'other'),
--          each ICB under its region (under England when its region is not known), the regions
--          and England. The ODS register, when present, outranks these rows.
--          Names are as published; the reader then writes them in proper case
--          (impact/sources/names.py); the store casts the columns to the contract.
-- Parameters: none; reads the relation `providers`.
SELECT
    org_code,
    org_name,
    'provider' AS org_type,  -- trust or other: impact/sources/providers.py
    coalesce(icb_code, 'ENG') AS parent_code,
    source_line
FROM providers
UNION ALL
SELECT icb_code, any_value(icb_name ORDER BY source_line), 'icb',
       coalesce(any_value(region_code), 'ENG'), min(source_line)
FROM providers
WHERE icb_code IS NOT NULL
GROUP BY icb_code
UNION ALL
SELECT DISTINCT region_code, region_name, 'region', 'ENG', NULL
FROM providers
WHERE region_code IS NOT NULL AND region_name IS NOT NULL
UNION ALL
SELECT 'ENG', 'England', 'nation', NULL, NULL
