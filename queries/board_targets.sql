-- Purpose: the targets that apply to one organisation: national ones (blank org_code) and
--          its own, with their effective dates; the caller picks the one in force. A target
--          with a rule (improve_on_baseline) comes with the organisation's own value in its
--          baseline month (blank when it has none) and the metric's direction and unit, so
--          the caller can compute the figure and say how.
-- Parameters: $org_code (VARCHAR).
SELECT t.metric_id, t.org_code, t.target_value, t.effective_from, t.effective_to, t.source,
       t.target_rule, t.baseline_period, t.improvement, t.floor,
       b.value AS baseline_value, m.improvement_direction, m.unit
FROM targets t
LEFT JOIN observations b
       ON t.target_rule IS NOT NULL
      AND b.metric_id = t.metric_id
      AND b.org_code = $org_code
      AND b.period_start = t.baseline_period
LEFT JOIN (SELECT DISTINCT metric_id, improvement_direction, unit FROM metrics) m
       ON m.metric_id = t.metric_id
WHERE t.org_code IS NULL OR trim(t.org_code) = '' OR t.org_code = $org_code
ORDER BY t.metric_id, t.effective_from, t.org_code NULLS FIRST, t.target_rule NULLS FIRST
