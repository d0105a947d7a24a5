"""Streamlit-facing code: the only part of ``impact`` that imports Streamlit.

``data`` (the one place pages get the store, cached queries, the board and comparisons),
``context`` (what the entry point hands the page: tree, filters, link notes), ``filters``
(the sidebar widgets, kept in the URL), ``header`` (the one page opening), ``components/``
(what pages draw, one file per family), ``pages/`` (one module per page, each with
``render()``), ``meeting_mode``, ``live`` (an idle screen picks up new extracts) and
``style`` (the NHS look). Every number drawn comes from :mod:`impact.board` (and so from
the store and the SPC engine), never from here.
"""
