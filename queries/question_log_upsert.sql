-- Purpose: write one question; an existing question_id is replaced only by a higher revision,
--          so importing an older export never overwrites newer answers.
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
ON CONFLICT (question_id) DO UPDATE SET
    org_code = excluded.org_code,
    metric_id = excluded.metric_id,
    question = excluded.question,
    asked_by = excluded.asked_by,
    owner = excluded.owner,
    asked_on = excluded.asked_on,
    due_date = excluded.due_date,
    status = excluded.status,
    answer = excluded.answer,
    answered_on = excluded.answered_on,
    revision = excluded.revision
WHERE excluded.revision > board_questions.revision
