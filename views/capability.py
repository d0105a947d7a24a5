"""NHS IMPACT capability: where the organisation stands on the five components, and its capacity."""

from impact.ui.pages.capability import render

render()
