"""Board overview: every recovery priority as questions and answers."""

from impact.ui.pages import overview

overview()
