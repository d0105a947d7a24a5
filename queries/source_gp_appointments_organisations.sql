-- Purpose: organisations named by a GP appointments file (statement gp_appointments_rows): each
--          CCG / sub-ICB location as 'other' under its region, the regions named and England.
-- Parameters: none; reads the relation `appointments`.
WITH named AS (
    SELECT org_code, any_value(org_name) AS org_name, any_value(region_code) AS region_code,
           min(source_line) AS source_line
    FROM appointments
    GROUP BY org_code
)
SELECT
    CAST(org_code AS VARCHAR) AS org_code,
    CAST(org_name AS VARCHAR) AS org_name,
    CAST('other' AS VARCHAR) AS org_type,
    CAST(region_code AS VARCHAR) AS parent_code,
    CAST(source_line AS BIGINT) AS source_line
FROM named
UNION ALL
SELECT DISTINCT region_code, region_name, 'region', 'ENG', CAST(NULL AS BIGINT)
FROM appointments
WHERE region_code IS NOT NULL
UNION ALL
SELECT 'ENG', 'ENGLAND', 'nation', CAST(NULL AS VARCHAR), CAST(NULL AS BIGINT)
