-- Purpose: the organisation hierarchy (region → ICB → trust …) for the organisation picker,
--          peer groups and the comparison with a trust's ICB and region.
-- Parameters: none.
SELECT org_code, org_name, org_type, parent_code
FROM organisations
ORDER BY org_type, org_name, org_code
