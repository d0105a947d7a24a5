-- Purpose: the targets that apply to one organisation: national ones (blank org_code) and
--          its own, with their effective dates; the caller picks the one in force.
-- Parameters: $org_code (VARCHAR).
SELECT metric_id, org_code, target_value, effective_from, effective_to, source
FROM targets
WHERE org_code IS NULL OR trim(org_code) = '' OR org_code = $org_code
ORDER BY metric_id, effective_from, org_code NULLS FIRST
