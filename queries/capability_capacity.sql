-- Purpose: improvement capability and capacity (staff trained by level, coaches, headcount)
--          of one organisation within the period, for the trend and SPC of shares of headcount.
-- Parameters: $org_code (VARCHAR), $period_from (DATE), $period_to (DATE).
SELECT org_code, period_start, staff_trained_foundation, staff_trained_practitioner,
       staff_trained_expert, improvement_coaches, headcount
FROM capability
WHERE org_code = $org_code
  AND period_start BETWEEN $period_from AND $period_to
ORDER BY period_start
