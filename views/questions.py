"""The board question log: record a question on a metric, answer it later, export the log."""

from impact.ui.questions_page import main

main()
