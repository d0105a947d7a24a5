-- Purpose: organisations named by an AmbSYS file (statement ambsys_rows): each ambulance trust
--          under its region, the regions and England. The ODS register, when present,
--          outranks these rows. One row per organisation (its latest name in the file).
--          Names are as published; the reader then writes them in proper case
--          (impact/sources/names.py); the store casts the columns to the contract.
-- Parameters: none; reads the relation `ambsys`.
SELECT
    org_code,
    arg_max(org_name, period_start) AS org_name,
    CASE level WHEN 'nation' THEN 'nation' WHEN 'region' THEN 'region' ELSE 'trust' END
        AS org_type,
    CASE level WHEN 'nation' THEN NULL WHEN 'region' THEN 'ENG'
        ELSE arg_max(region_code, period_start) END AS parent_code,
    min(source_line) AS source_line
FROM ambsys
WHERE period_start IS NOT NULL
GROUP BY org_code, level
