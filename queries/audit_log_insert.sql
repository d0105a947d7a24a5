-- Purpose: append one entry to the audit log (entries are never changed or removed).
-- Parameters: $recorded_at, $actor, $action, $target, $detail.
INSERT INTO audit_log (recorded_at, actor, action, target, detail)
VALUES ($recorded_at, $actor, $action, $target, $detail)
