"""Elective care: SPC charts, answers and peer comparison for each elective metric."""

from impact.ui.pages import priority_page

priority_page("elective")
