"""Metric detail: one metric for one organisation, with every number behind it."""

from impact.ui.pages import metric_detail

metric_detail()
