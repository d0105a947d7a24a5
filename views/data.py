"""Data and uploads: what the dashboard has read, what it could not, and a checked upload."""

from impact.ui.pages.data import render

render()
