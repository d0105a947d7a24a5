-- Purpose: typed rows of an NHS England "Appointments in General Practice" regional CSV as
--          downloaded: organisation (the CCG / sub-ICB code of that layout), its region code,
--          month (`MAR2019`), status, booking interval with whitespace normalised (the file
--          writes `8  to 14 Days`) and the count.
-- Parameters: $path (VARCHAR, the CSV file), $regions (LIST of STRUCT(region_code, region_name,
--          key) where key is the region name without "NHS ENGLAND ").
WITH raw AS (
    SELECT *, row_number() OVER () + 1 AS source_line
    FROM read_csv($path, all_varchar = true, header = true)
),
regions AS (
    SELECT unnest($regions, recursive := true)
)
SELECT
    raw.source_line,
    upper(trim(raw."CCG_CODE")) AS org_code,
    regexp_replace(trim(raw."CCG_NAME"), '\s+', ' ', 'g') AS org_name,
    r.region_code,
    r.region_name,
    CAST(try_strptime(upper(trim(raw."Appointment_Month")), '%b%Y') AS DATE) AS period_start,
    lower(regexp_replace(trim(raw."APPT_STATUS"), '\s+', ' ', 'g')) AS status,
    lower(regexp_replace(trim(raw."TIME_BETWEEN_BOOK_AND_APPT"), '\s+', ' ', 'g')) AS interval_band,
    TRY_CAST(replace(trim(raw."COUNT_OF_APPOINTMENTS"), ',', '') AS DOUBLE) AS appointments
FROM raw
LEFT JOIN regions AS r
    ON r.key = regexp_replace(
        regexp_replace(upper(trim(raw."REGION_NAME")), '\s+', ' ', 'g'), '^NHS ENGLAND ', ''
    )
WHERE nullif(trim(raw."CCG_CODE"), '') IS NOT NULL
  AND upper(trim(raw."CCG_CODE")) <> 'TOTAL'
