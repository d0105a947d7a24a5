-- Purpose: the metric catalogue (national, extended by analysts' extracts) with each
--          metric's board question, unit, improvement direction, frequency, SPC chart,
--          limits mode and question kind.
-- Parameters: none.
SELECT metric_id, metric_name, priority, board_question, unit, improvement_direction,
       frequency, definition, source, chart, limits, question_kind
FROM metrics
ORDER BY priority, metric_id
