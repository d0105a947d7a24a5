"""Streamlit-facing helpers: the only part of ``impact`` that imports Streamlit.

Pages call these to draw; every number they draw comes from ``impact.board`` (and so
from the store and the SPC engine), never from here.
"""
