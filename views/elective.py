"""Elective care: SPC charts, answers and peer comparison for each elective metric."""

from impact.ui.pages.priority import render

render("elective")
