-- Purpose: one typed row per month × organisation from an NHS England AmbSYS monthly CSV as
--          downloaded: England (`Eng` → ENG), the seven regions (their Y-codes) and the
--          ambulance trusts (their region's Y-code in `Region`). Codes are defined in NHS
--          England's AQI specification; `.` or blank means not reported and becomes NULL.
--          Response times stay in seconds here. A region is named as every reader names it.
-- Parameters: $path (VARCHAR, the CSV file), $regions (LIST of STRUCT(region_code,
--          region_name, key)).
WITH raw AS (
    SELECT *, row_number() OVER () + 1 AS source_line
    FROM read_csv($path, all_varchar = true, header = true)
),
regions AS (
    SELECT unnest($regions, recursive := true)
)
SELECT
    make_date(TRY_CAST(trim("Year") AS INTEGER), TRY_CAST(trim("Month") AS INTEGER), 1)
        AS period_start,
    upper(trim("Org Code")) AS org_code,
    coalesce(g.region_name, regexp_replace(trim("Org Name"), '\s+', ' ', 'g')) AS org_name,
    CASE
        WHEN upper(trim("Org Code")) = 'ENG' THEN 'nation'
        WHEN regexp_matches(upper(trim("Org Code")), '^Y[0-9]{2}$') THEN 'region'
        ELSE 'trust'
    END AS level,
    CASE
        WHEN regexp_matches(upper(trim("Region")), '^Y[0-9]{2}$') THEN upper(trim("Region"))
    END AS region_code,
    source_line,
    TRY_CAST(trim("A25") AS DOUBLE) AS cat1_mean_s,
    TRY_CAST(trim("A26") AS DOUBLE) AS cat1_90th_s,
    TRY_CAST(trim("A31") AS DOUBLE) AS cat2_mean_s,
    TRY_CAST(trim("A32") AS DOUBLE) AS cat2_90th_s
FROM raw
LEFT JOIN regions AS g ON g.region_code = upper(trim("Org Code"))
WHERE nullif(trim("Org Code"), '') IS NOT NULL
