"""The board question log: record a question on a metric, answer it later, export the log."""

from impact.ui.pages.questions import render

render()
