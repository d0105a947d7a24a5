-- Purpose: observations from the NHS-R tidy form of the A&E publication (`period, org_code,
--          type {1, 2, other}, attendances, breaches, admissions`): per organisation and month,
--          4-hour % all types and Type 1, attendances and emergency admissions via A&E.
--          No England or region rows: the tidy form carries no region and need not hold every
--          provider, so its sums would not be the national figures.
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
            TRY_CAST(trim(period) AS DATE),
            CAST(try_strptime(trim(period), '%d/%m/%Y') AS DATE)
        ) AS period_start,
        upper(trim(org_code)) AS org_code,
        lower(trim("type")) AS dept_type,
        TRY_CAST(replace(trim(attendances), ',', '') AS DOUBLE) AS attendances,
        TRY_CAST(replace(trim(breaches), ',', '') AS DOUBLE) AS breaches,
        TRY_CAST(replace(trim(admissions), ',', '') AS DOUBLE) AS admissions
    FROM raw
    WHERE nullif(trim(org_code), '') IS NOT NULL
      AND upper(trim(org_code)) <> 'TOTAL'
),
levels AS (
    SELECT
        period_start,
        org_code,
        min(source_line) AS source_line,
        sum(attendances) AS attendances,
        sum(breaches) AS breaches,
        sum(attendances) FILTER (WHERE dept_type = '1') AS attendances_type1,
        sum(breaches) FILTER (WHERE dept_type = '1') AS breaches_type1,
        sum(admissions) AS admissions
    FROM typed
    GROUP BY period_start, org_code
),
metrics AS (
    SELECT l.period_start, l.org_code, l.source_line, m.*
    FROM levels AS l,
    LATERAL (VALUES
        ('ae_4hr_all',
         100 * (l.attendances - l.breaches) / nullif(l.attendances, 0),
         l.attendances - l.breaches, l.attendances),
        ('ae_4hr_type1',
         100 * (l.attendances_type1 - l.breaches_type1) / nullif(l.attendances_type1, 0),
         l.attendances_type1 - l.breaches_type1, l.attendances_type1),
        ('ae_attendances', l.attendances, NULL, NULL),
        ('ae_emergency_admissions', l.admissions, NULL, NULL)
    ) AS m(metric_id, value, numerator, denominator)
)
SELECT metric_id, org_code, period_start, value, numerator, denominator, source_line
FROM metrics
WHERE value IS NOT NULL
