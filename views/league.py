"""Where do we stand? Our own ranking among like peers, per metric and per priority."""

from impact.ui.pages.league import render

render()
