"""Data and uploads: what the dashboard has read, what it could not, and a checked upload."""

from impact.ui.data_page import main

main()
