-- Purpose: the months that hold observations of one organisation: its default period is
--          the latest months it has figures for, not the span of every file in the folder.
-- Parameters: $org_code (VARCHAR).
SELECT DISTINCT CAST(date_trunc('month', period_start) AS DATE) AS month
FROM observations
WHERE org_code = $org_code
ORDER BY month
