-- Purpose: where an analyst's own metric definitions replace the national catalogue's (same metric_id),
--          per file, as warnings: an analyst's own extract always wins, and says so.
-- Returns: source_file, metric_ids (sorted).
-- Parameters: $catalogue_prefix (how catalogue files are named in source_file),
--             $catalogue_files (VARCHAR[]: the catalogue's cached metrics Parquet files).
SELECT source_file, list(DISTINCT metric_id ORDER BY metric_id) AS metric_ids
FROM metrics
WHERE NOT starts_with(source_file, $catalogue_prefix)
  AND metric_id IN (SELECT metric_id FROM read_parquet($catalogue_files))
GROUP BY source_file
ORDER BY source_file
