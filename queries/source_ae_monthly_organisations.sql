-- Purpose: organisations named by an A&E monthly provider file (statement ae_monthly_providers):
--          each provider under its region (an NHS trust by its name, anything else such as an
--          independent sector provider or an urgent treatment centre as 'other'), the regions
--          it names and England. The ODS register, when present, outranks these rows and puts
--          trusts under their ICB.
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
UNION ALL
SELECT DISTINCT region_code, region_name, 'region', 'ENG', NULL
FROM providers
WHERE region_code IS NOT NULL
UNION ALL
SELECT 'ENG', 'England', 'nation', NULL, NULL
