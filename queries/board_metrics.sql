-- Purpose: the metric catalogue (national, extended by analysts' extracts) with each
--          metric's board question, unit, improvement direction, frequency, SPC chart and
--          limits mode.
-- Parameters: none.
SELECT metric_id, metric_name, priority, board_question, unit, improvement_direction,
       frequency, definition, source, chart, limits
FROM metrics
ORDER BY priority, metric_id
