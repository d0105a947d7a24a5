-- Purpose: the months that hold observations, the choices of the period filter.
-- Parameters: none.
SELECT DISTINCT CAST(date_trunc('month', period_start) AS DATE) AS month
FROM observations
ORDER BY month
