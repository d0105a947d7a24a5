-- Purpose: how recent the data is: the newest period present in any observation.
-- Parameters: none.
SELECT max(period_start) AS latest_period, count(*) AS observations
FROM observations
