"""Board overview: every recovery priority as questions and answers."""

from impact.ui.pages.overview import render

render()
