-- Purpose: remove one question, only if it is still at the revision the deletion saw.
-- Parameters: $question_id, $from_revision.
DELETE FROM board_questions
WHERE question_id = $question_id AND revision = $from_revision
RETURNING question_id
