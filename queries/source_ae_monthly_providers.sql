-- Purpose: one typed row per provider from an NHS England "A&E Attendances and Emergency
--          Admissions" monthly provider CSV exactly as downloaded. Drops the total row however
--          it is spelled, ignores extra blank columns, trims the region name in `Parent Org` and
--          maps it to its ODS region code. Measures are summed from whichever of the published
--          columns the edition has (older editions lack the booked-appointment columns).
-- Parameters: $path (VARCHAR, the CSV file), $regions (LIST of STRUCT(region_code, region_name,
--          key) where key is the region name without "NHS ENGLAND ").
WITH raw AS (
    SELECT *, row_number() OVER () + 1 AS source_line
    FROM read_csv($path, all_varchar = true, header = true, normalize_names = true)
),
kept AS (
    SELECT *
    FROM raw
    WHERE nullif(trim(org_code), '') IS NOT NULL
      AND upper(trim(org_code)) <> 'TOTAL'
      AND upper(trim(coalesce(period, ''))) NOT LIKE 'TOTAL%'
),
measures AS (
    UNPIVOT kept
    ON COLUMNS('^(ae_attendances|attendances_over_4hrs|patients_who_have_waited|emergency_admissions)')
    INTO NAME measure VALUE raw_value
),
typed AS (
    SELECT
        source_line,
        measure,
        TRY_CAST(replace(trim(raw_value), ',', '') AS DOUBLE) AS amount
    FROM measures
),
sums AS (
    SELECT
        source_line,
        sum(amount) FILTER (WHERE measure LIKE 'ae_attendances%') AS attendances,
        sum(amount) FILTER (WHERE measure LIKE 'attendances_over_4hrs%') AS over_4hrs,
        sum(amount) FILTER (WHERE measure LIKE 'ae_attendances%type_1') AS attendances_type1,
        sum(amount) FILTER (WHERE measure LIKE 'attendances_over_4hrs%type_1') AS over_4hrs_type1,
        sum(amount) FILTER (WHERE measure LIKE 'patients_who_have_waited%dta%') AS dta_over_4hrs,
        sum(amount) FILTER (WHERE measure LIKE 'patients_who_have_waited_12%dta%') AS dta_over_12hrs,
        sum(amount) FILTER (WHERE measure LIKE 'emergency_admissions_via_ae%') AS admissions_via_ae
    FROM typed
    GROUP BY source_line
),
regions AS (
    SELECT unnest($regions, recursive := true)
)
SELECT
    CAST(try_strptime(
        regexp_extract(upper(trim(k.period)), '([A-Z]+-[0-9]{4})\s*$', 1), '%B-%Y'
    ) AS DATE) AS period_start,
    upper(trim(k.org_code)) AS org_code,
    regexp_replace(trim(k.org_name), '\s+', ' ', 'g') AS org_name,
    r.region_code,
    r.region_name,
    k.source_line,
    s.attendances,
    s.over_4hrs,
    s.attendances_type1,
    s.over_4hrs_type1,
    s.dta_over_4hrs,
    s.dta_over_12hrs,
    s.admissions_via_ae
FROM kept AS k
JOIN sums AS s USING (source_line)
LEFT JOIN regions AS r
    ON r.key = regexp_replace(
        regexp_replace(upper(trim(k.parent_org)), '\s+', ' ', 'g'), '^NHS ENGLAND ', ''
    )
