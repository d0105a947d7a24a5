-- Purpose: a cross-file check of targets whose figure cannot be worked out: a row with
--          neither a target_value nor a target_rule, an improve_on_baseline row without its
--          baseline_period or improvement, and an improve_on_baseline row for which some
--          organisation has figures within the target's dates but none for the baseline
--          month (its target cannot be computed). One row per target row and problem.
-- Returns: source_file, metric_id, org_code, effective_from, target_rule, problem
--          ('no_value', 'incomplete_rule', 'no_baseline'), baseline_period,
--          org_codes (sorted; only for 'no_baseline'), org_count.
-- Parameters: none.
WITH rule_rows AS (
    SELECT source_file, metric_id, org_code, effective_from, effective_to, target_rule,
           baseline_period, improvement
    FROM targets
    WHERE target_rule IS NOT NULL
),
in_span AS (
    SELECT DISTINCT r.source_file, r.metric_id, r.org_code, r.effective_from, r.target_rule,
           r.baseline_period, o.org_code AS observed_org
    FROM rule_rows r
    JOIN observations o
      ON o.metric_id = r.metric_id
     AND (r.org_code IS NULL OR trim(r.org_code) = '' OR o.org_code = r.org_code)
     AND o.period_start >= r.effective_from
     AND (r.effective_to IS NULL OR o.period_start <= r.effective_to)
    WHERE r.baseline_period IS NOT NULL AND r.improvement IS NOT NULL
),
no_baseline AS (
    SELECT s.*
    FROM in_span s
    WHERE NOT EXISTS (
        SELECT 1 FROM observations b
        WHERE b.metric_id = s.metric_id
          AND b.org_code = s.observed_org
          AND b.period_start = s.baseline_period
          AND b.value IS NOT NULL
    )
)
SELECT source_file, metric_id, org_code, effective_from, target_rule, 'no_value' AS problem,
       NULL::DATE AS baseline_period, NULL::VARCHAR[] AS org_codes, 0 AS org_count
FROM targets
WHERE target_value IS NULL AND target_rule IS NULL
UNION ALL
SELECT source_file, metric_id, org_code, effective_from, target_rule, 'incomplete_rule',
       baseline_period, NULL::VARCHAR[], 0
FROM rule_rows
WHERE baseline_period IS NULL OR improvement IS NULL
UNION ALL
SELECT source_file, metric_id, org_code, effective_from, target_rule, 'no_baseline',
       baseline_period, list(observed_org ORDER BY observed_org), count(*)
FROM no_baseline
GROUP BY source_file, metric_id, org_code, effective_from, target_rule, baseline_period
ORDER BY 1, 2, 4, 6
