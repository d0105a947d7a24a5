"""Measuring harnesses that print figures; never imported by the dashboard itself."""
