-- Purpose: process changes for one organisation (rebase SPC limits or annotate charts).
-- Parameters: $org_code (VARCHAR), $period_from (DATE), $period_to (DATE), both inclusive.
SELECT metric_id, org_code, event_date, description, rebase
FROM events
WHERE org_code = $org_code
  AND event_date BETWEEN $period_from AND $period_to
ORDER BY metric_id, event_date
