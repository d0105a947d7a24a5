"""Improvement activity: is our improvement effort aimed where the gaps are, and is it working?"""

from impact.ui.pages.improvement import render

render()
