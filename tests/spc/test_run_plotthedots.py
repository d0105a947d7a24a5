"""The NHSRplotthedots runner: chunks of segments give the answer of one series at a time."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from impact.spc import ShortGroupWarning, spc
from impact.spc import segments as segments_module


def test_chunk_boundaries_do_not_change_any_answer(monkeypatch) -> None:
    rng = np.random.default_rng(7)
    data = pd.DataFrame(
        {
            "series": np.repeat(np.arange(40), 30),
            "month": np.tile(pd.date_range("2022-01-01", periods=30, freq="MS"), 40),
            "value": rng.normal(10, 2, 1200).round(1),
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortGroupWarning)
        whole = spc(
            data, value_col="value", date_col="month", facet_cols="series", rules="plotthedots"
        )
        monkeypatch.setattr(segments_module, "CHUNK_ROWS", 64)  # about two series a chunk
        chunked = spc(
            data, value_col="value", date_col="month", facet_cols="series", rules="plotthedots"
        )
        mdc_chunked = spc(data, value_col="value", date_col="month", facet_cols="series")
    pd.testing.assert_frame_equal(whole, chunked)
    monkeypatch.undo()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortGroupWarning)
        mdc_whole = spc(data, value_col="value", date_col="month", facet_cols="series")
    pd.testing.assert_frame_equal(mdc_whole, mdc_chunked)
