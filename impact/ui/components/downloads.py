"""A CSV download of exactly the numbers shown, safe to open in a spreadsheet."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from impact.csv_safe import to_safe_csv


def csv_download(frame: pd.DataFrame, *, label: str, file_name: str, key: str) -> None:
    """A download of exactly the numbers shown, safe to open in a spreadsheet.

    The CSV is written when the button is pressed, not on every rerun: a priority page
    offers two or three downloads per metric, and writing them all each time a filter
    changed cost more than drawing the page.
    """
    st.download_button(
        label,
        data=lambda: to_safe_csv(frame),
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )
