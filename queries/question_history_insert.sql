-- Purpose: note one field's change to a question (old and new value as text).
-- Parameters: $question_id, $revision, $changed_at, $changed_by, $action, $field,
--             $old_value, $new_value.
INSERT INTO question_history (
    question_id, revision, changed_at, changed_by, action, field, old_value, new_value
)
VALUES (
    $question_id, $revision, $changed_at, $changed_by, $action, $field, $old_value, $new_value
)
