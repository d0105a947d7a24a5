-- Purpose: observations from the NHS England Cancer Waiting Times provider extract (CSV):
--          % within standard for the 28-day Faster Diagnosis Standard and the 31-day and
--          62-day combined standards, per provider and for England (the sum of providers).
--          31/62-day rows are counted only where TREATMENT MODALITY = ALL MODALITIES (the
--          modality rows repeat the same patients); 62-day half patients (shared care) are kept.
--          Columns are left in the types computed here; the store casts them to the contract.
-- Parameters: $path (VARCHAR, the CSV file).
WITH raw AS (
    SELECT *, row_number() OVER () + 1 AS source_line
    FROM read_csv($path, all_varchar = true, header = true)
),
typed AS (
    SELECT
        source_line,
        coalesce(
            TRY_CAST(left(trim("PERIOD"), 10) AS DATE),
            CAST(try_strptime(
                upper(trim("MONTH")) || '-' || CAST(
                    TRY_CAST(left(trim("YEAR"), 4) AS INTEGER)
                    + CASE WHEN upper(trim("MONTH")) IN ('JAN', 'FEB', 'MAR') THEN 1 ELSE 0 END
                AS VARCHAR),
                '%b-%Y'
            ) AS DATE)
        ) AS period_start,
        upper(trim("ORG CODE")) AS org_code,
        CASE
            WHEN regexp_matches(lower("STANDARD"), '^\s*28[- ]day.*(fds|faster diagnosis)')
                THEN 'cwt_28d_fds'
            WHEN regexp_matches(lower("STANDARD"), '^\s*31[- ]day.*combined') THEN 'cwt_31d'
            WHEN regexp_matches(lower("STANDARD"), '^\s*62[- ]day.*combined') THEN 'cwt_62d'
        END AS metric_id,
        regexp_replace(upper(trim(coalesce("TREATMENT MODALITY", ''))), '\s+', ' ', 'g')
            AS modality,
        TRY_CAST(replace(trim("TOTAL TREATED"), ',', '') AS DOUBLE) AS total_treated,
        TRY_CAST(replace(trim("WITHIN STANDARD"), ',', '') AS DOUBLE) AS within_standard
    FROM raw
    WHERE nullif(trim("ORG CODE"), '') IS NOT NULL
      AND upper(trim("ORG CODE")) NOT IN ('TOTAL', 'ENGLAND')
),
counted AS (
    SELECT *
    FROM typed
    WHERE metric_id = 'cwt_28d_fds'
       OR (metric_id IN ('cwt_31d', 'cwt_62d') AND modality = 'ALL MODALITIES')
),
levels AS (
    SELECT metric_id, org_code, period_start, min(source_line) AS source_line,
           sum(within_standard) AS within_standard, sum(total_treated) AS total_treated
    FROM counted
    GROUP BY metric_id, org_code, period_start
    UNION ALL
    SELECT metric_id, 'ENG', period_start, NULL,
           sum(within_standard), sum(total_treated)
    FROM counted
    GROUP BY metric_id, period_start
)
SELECT
    metric_id,
    org_code,
    period_start,
    100 * within_standard / total_treated AS value,
    within_standard AS numerator,
    total_treated AS denominator,
    source_line
FROM levels
WHERE total_treated > 0
