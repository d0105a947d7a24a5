-- Purpose: the audit log, oldest first, optionally for one person or one kind of action.
-- Parameters: $actor, $action (each NULL = any).
SELECT entry_id, recorded_at, actor, action, target, detail
FROM audit_log
WHERE (CAST($actor AS VARCHAR) IS NULL OR actor = $actor)
  AND (CAST($action AS VARCHAR) IS NULL OR action = $action)
ORDER BY entry_id
