-- Purpose: add one new question to the log.
-- Parameters: $question_id, $org_code, $metric_id, $question, $asked_by, $owner, $asked_on,
--             $due_date, $status, $answer, $answered_on, $revision.
INSERT INTO board_questions (
    question_id, org_code, metric_id, question, asked_by, owner, asked_on, due_date, status,
    answer, answered_on, revision
)
VALUES (
    $question_id, $org_code, $metric_id, $question, $asked_by, $owner, $asked_on, $due_date,
    $status, $answer, $answered_on, $revision
)
