-- Purpose: the stored revision of one question (none when it is not in the log yet).
-- Parameters: $question_id.
SELECT revision FROM board_questions WHERE question_id = $question_id
