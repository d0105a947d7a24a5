"""One module per page, each with a ``render()`` that ``views/<page>.py`` calls.

A page reads the filters (:mod:`impact.ui.context`), opens with
:func:`impact.ui.header.page_header`, gets its data from :mod:`impact.ui.data` and draws
with :mod:`impact.ui.components`.
"""
