-- Purpose: read an exported question log CSV as text, so each row can be checked before import.
-- Parameters: $path (the CSV file).
SELECT *
FROM read_csv($path, header = true, all_varchar = true, nullstr = '')
