-- Purpose: migration 2: every change to a question (who, when, which field, old and new
--          value) and the append-only audit log (who did what to what, when).
-- Parameters: none.
CREATE SEQUENCE IF NOT EXISTS question_history_seq;
CREATE TABLE IF NOT EXISTS question_history (
    change_id BIGINT PRIMARY KEY DEFAULT nextval('question_history_seq'),
    question_id VARCHAR NOT NULL,
    revision INTEGER NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    changed_by VARCHAR NOT NULL,
    action VARCHAR NOT NULL CHECK (action IN ('added', 'edited', 'answered', 'deleted', 'imported')),
    field VARCHAR,
    old_value VARCHAR,
    new_value VARCHAR
);
CREATE SEQUENCE IF NOT EXISTS audit_log_seq;
CREATE TABLE IF NOT EXISTS audit_log (
    entry_id BIGINT PRIMARY KEY DEFAULT nextval('audit_log_seq'),
    recorded_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    target VARCHAR,
    detail VARCHAR
)
