-- Purpose: record (or revise) the answer to one question and mark it answered.
-- Parameters: $question_id, $answer, $answered_on.
UPDATE board_questions
SET answer = $answer,
    answered_on = $answered_on,
    status = 'answered',
    revision = revision + 1
WHERE question_id = $question_id
RETURNING question_id
