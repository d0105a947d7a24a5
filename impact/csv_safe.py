"""CSV downloads that cannot run as spreadsheet formulas.

A board member opens a downloaded CSV in Excel. A cell that starts with ``=``, ``+``, ``-``
or ``@`` (or a tab or carriage return, which Excel strips before looking) is treated as a
formula, so a project title written by anyone could run as one. Such cells are prefixed
with a single quote, which Excel shows as text. Numbers stay numbers: only text is touched,
so a negative value in a numeric column is still written as ``-3.2``.
"""

from __future__ import annotations

import pandas as pd

#: The characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """The cell with a leading quote when it is text that a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the frame whose text cells and column names are neutralised."""
    out = frame.copy()
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    for col in out.columns:
        series = out[col]
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            out[col] = series.map(neutralise_cell).astype(object)
    return out


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV bytes (with a byte-order mark so Excel reads accents) of the safe frame."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")
