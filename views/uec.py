"""Urgent & emergency care: SPC charts, answers and peer comparison for each UEC metric."""

from impact.ui.pages import priority_page

priority_page("uec")
