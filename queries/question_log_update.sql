-- Purpose: change one question, only if it is still at the revision the change was made
--          from (optimistic concurrency: a change made meanwhile is never overwritten).
-- Parameters: $question_id, $from_revision, $org_code, $metric_id, $question, $asked_by,
--             $owner, $asked_on, $due_date, $status, $answer, $answered_on.
UPDATE board_questions
SET org_code = $org_code,
    metric_id = $metric_id,
    question = $question,
    asked_by = $asked_by,
    owner = $owner,
    asked_on = $asked_on,
    due_date = $due_date,
    status = $status,
    answer = $answer,
    answered_on = $answered_on,
    revision = revision + 1
WHERE question_id = $question_id AND revision = $from_revision
RETURNING revision
