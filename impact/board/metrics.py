"""The board's metrics: the catalogue entries of the priorities a board reviews."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from impact.board.model import Metric, QueryFn
from impact.board.values import text_or_blank
from impact.priorities import BOARD_PRIORITIES


def load_metrics(query: QueryFn, priorities: Iterable[str] = BOARD_PRIORITIES) -> list[Metric]:
    """The catalogue's metrics for the given priorities, in priority then catalogue order."""
    return metrics_from(query("board_metrics"), priorities)


def metrics_from(frame: pd.DataFrame, priorities: Iterable[str] = BOARD_PRIORITIES) -> list[Metric]:
    """:func:`load_metrics` from an already fetched ``board_metrics`` frame."""
    wanted = list(priorities)
    metrics = [
        Metric(
            metric_id=str(r.metric_id),
            metric_name=str(r.metric_name),
            priority=str(r.priority),
            board_question=str(r.board_question),
            unit=str(r.unit),
            direction=str(r.improvement_direction),
            frequency=str(r.frequency),
            definition=text_or_blank(r.definition),
            source=text_or_blank(r.source),
            question_kind=text_or_blank(getattr(r, "question_kind", "")),
        )
        for r in frame.itertuples(index=False)
        if r.priority in wanted
    ]
    return sorted(metrics, key=lambda m: wanted.index(m.priority))
