"""Primary care: SPC charts, answers and peer comparison for each primary care metric."""

from impact.ui.pages.priority import render

render("primary_care")
