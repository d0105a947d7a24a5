-- Purpose: the questions in the log, optionally for one organisation, metric or status,
--          open ones first, then by due date.
-- Parameters: $org_code, $metric_id, $status (each NULL = any).
SELECT
    question_id, org_code, metric_id, question, asked_by, owner, asked_on, due_date, status,
    answer, answered_on, revision
FROM board_questions
WHERE (CAST($org_code AS VARCHAR) IS NULL OR org_code = $org_code)
  AND (CAST($metric_id AS VARCHAR) IS NULL OR metric_id = $metric_id)
  AND (CAST($status AS VARCHAR) IS NULL OR status = $status)
ORDER BY status = 'answered', due_date, asked_on, question_id
