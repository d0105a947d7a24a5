-- Purpose: NHS IMPACT self-assessment scores of an organisation and its peers made on or
--          before the end of the period, for the latest score, its change and the peer view.
-- Parameters: $org_codes (VARCHAR[]: the organisation and its peers), $period_to (DATE).
SELECT org_code, assessment_date, component, score, evidence
FROM self_assessment
WHERE list_contains($org_codes, org_code)
  AND assessment_date <= $period_to
ORDER BY org_code, assessment_date, component
