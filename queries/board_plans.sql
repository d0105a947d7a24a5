-- Purpose: one organisation's planned values: for each plan name only its latest
--          submission (a re-plan replaces the earlier trajectory whole), each month's
--          planned value with the plan it belongs to and when that version was submitted.
-- Returns: metric_id, period_start, planned_value, plan_name, submitted.
-- Parameters: $org_code (VARCHAR).
WITH mine AS (
    SELECT metric_id, period_start, planned_value, plan_name, submitted
    FROM plans
    WHERE org_code = $org_code
),
latest AS (
    SELECT metric_id, plan_name, max(submitted) AS submitted
    FROM mine
    GROUP BY metric_id, plan_name
)
SELECT p.metric_id, p.period_start, p.planned_value, p.plan_name, p.submitted
FROM mine p
JOIN latest l
  ON l.metric_id = p.metric_id
 AND l.plan_name = p.plan_name
 AND l.submitted IS NOT DISTINCT FROM p.submitted
ORDER BY p.metric_id, p.plan_name, p.period_start
