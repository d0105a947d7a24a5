-- Purpose: migration 1: the board question log table (as every log file before the
--          version table already holds it, so an old file upgrades in place).
-- Parameters: none.
CREATE TABLE IF NOT EXISTS board_questions (
    question_id VARCHAR PRIMARY KEY,
    org_code VARCHAR NOT NULL,
    metric_id VARCHAR NOT NULL,
    question VARCHAR NOT NULL,
    asked_by VARCHAR,
    owner VARCHAR NOT NULL,
    asked_on DATE NOT NULL,
    due_date DATE NOT NULL,
    status VARCHAR NOT NULL CHECK (status IN ('open', 'answered')),
    answer VARCHAR,
    answered_on DATE,
    revision INTEGER NOT NULL CHECK (revision >= 1)
)
