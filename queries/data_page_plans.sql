-- Purpose: the Data page's account of the plans read: one row per plan name and
--          submission, with how many metric × organisation trajectories it is the one used
--          for (the latest submission of that plan name) and how many a later submission
--          replaced.
-- Returns: plan_name, submitted, rows, organisations, used (trajectories), replaced
--          (trajectories), files (sorted).
-- Parameters: none.
WITH latest AS (
    SELECT metric_id, org_code, plan_name, max(submitted) AS submitted
    FROM plans
    GROUP BY metric_id, org_code, plan_name
),
marked AS (
    SELECT p.*, l.metric_id IS NOT NULL AS is_latest
    FROM plans p
    LEFT JOIN latest l
           ON l.metric_id = p.metric_id
          AND l.org_code = p.org_code
          AND l.plan_name = p.plan_name
          AND l.submitted IS NOT DISTINCT FROM p.submitted
)
SELECT plan_name, submitted, count(*) AS rows, count(DISTINCT org_code) AS organisations,
       count(DISTINCT CASE WHEN is_latest THEN metric_id || '|' || org_code END) AS used,
       count(DISTINCT CASE WHEN NOT is_latest THEN metric_id || '|' || org_code END)
           AS replaced,
       list(DISTINCT source_file ORDER BY source_file) AS files
FROM marked
GROUP BY plan_name, submitted
ORDER BY plan_name, submitted NULLS FIRST
