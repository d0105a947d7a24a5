-- Purpose: organisations named by a GP appointments file (statement gp_appointments_rows): each
--          CCG / sub-ICB location as 'other' under its region, the regions named and England.
--          Names are as published; the reader then writes them in proper case
--          (impact/sources/names.py); the store casts the columns to the contract.
-- Parameters: none; reads the relation `appointments`.
WITH named AS (
    SELECT org_code, any_value(org_name) AS org_name, any_value(region_code) AS region_code,
           min(source_line) AS source_line
    FROM appointments
    GROUP BY org_code
)
SELECT org_code, org_name, 'other' AS org_type, region_code AS parent_code, source_line
FROM named
UNION ALL
SELECT DISTINCT region_code, region_name, 'region', 'ENG', NULL
FROM appointments
WHERE region_code IS NOT NULL
UNION ALL
SELECT 'ENG', 'England', 'nation', NULL, NULL
