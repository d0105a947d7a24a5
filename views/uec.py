"""Urgent & emergency care: SPC charts, answers and peer comparison for each UEC metric."""

from impact.ui.pages.priority import render

render("uec")
