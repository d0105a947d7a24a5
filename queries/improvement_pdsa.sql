-- Purpose: the PDSA cycles of the improvement projects of the organisations in scope, for
--          the count, latest cycle, decisions and learning shown per project.
-- Parameters: $org_codes (VARCHAR[]: the chosen organisation and those below it).
SELECT c.project_id, c.cycle_number, c.start_date, c.end_date, c.change_tested,
       c.prediction, c.learning, c.decision
FROM pdsa_cycles AS c
JOIN projects AS p ON p.project_id = c.project_id
WHERE list_contains($org_codes, p.org_code)
ORDER BY c.project_id, c.cycle_number
