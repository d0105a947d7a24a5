"""The one error bad SPC input raises: what is wrong, in which series, at which point.

A board page draws every other series when one is bad, so callers catch this one class (a
``ValueError``, so existing handlers keep working) and show its message; ``facet`` and
``date`` say where, for a page that wants to name the series itself.
"""

from __future__ import annotations


class SPCInputError(ValueError):
    """Input the SPC engine cannot chart: the message names the series and the point."""

    def __init__(self, message: str, *, facet: str | None = None, date: str | None = None):
        super().__init__(message)
        #: the series in words (``metric_id='ae_4h', org_code='RXX'``), None when not known
        self.facet = facet
        #: the point's date (ISO ``2025-04-01``), None when the problem is not one point
        self.date = date


class SPCInputWarning(UserWarning):
    """Points left out of the limits and rules (a missing value, a zero denominator...):
    the message names how many, and the first few by series, date and reason."""
