-- Purpose: the changes to one question (or to every question), oldest first.
-- Parameters: $question_id (NULL = every question).
SELECT
    change_id, question_id, revision, changed_at, changed_by, action, field, old_value,
    new_value
FROM question_history
WHERE CAST($question_id AS VARCHAR) IS NULL OR question_id = $question_id
ORDER BY change_id
