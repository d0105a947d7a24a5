"""Primary care: SPC charts, answers and peer comparison for each primary care metric."""

from impact.ui.pages import priority_page

priority_page("primary_care")
