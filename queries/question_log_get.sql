-- Purpose: one question as stored (no row when it is not in the log).
-- Parameters: $question_id.
SELECT
    question_id, org_code, metric_id, question, asked_by, owner, asked_on, due_date, status,
    answer, answered_on, revision
FROM board_questions
WHERE question_id = $question_id
