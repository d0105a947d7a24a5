"""Metric detail: one metric for one organisation, with every number behind it."""

from impact.ui.pages.metric_detail import render

render()
