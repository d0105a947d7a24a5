-- Purpose: the improvement projects of the organisations in scope that were running at some
--          time in the period (started by its end, not finished before its start), with the
--          outcome metric each aims to move and the organisation's name.
-- Parameters: $org_codes (VARCHAR[]: the chosen organisation and those below it),
--             $period_from (DATE), $period_to (DATE).
SELECT p.project_id, p.org_code, o.org_name, p.title, p.priority, p.metric_id,
       m.metric_name, m.unit, m.improvement_direction, m.frequency,
       p.method, p.status, p.start_date, p.end_date, p.lead
FROM projects AS p
LEFT JOIN organisations AS o ON o.org_code = p.org_code
LEFT JOIN metrics AS m ON m.metric_id = p.metric_id
WHERE list_contains($org_codes, p.org_code)
  AND p.start_date <= $period_to
  AND (p.end_date IS NULL OR p.end_date >= $period_from)
ORDER BY p.priority, p.start_date, p.project_id
