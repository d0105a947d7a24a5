"""Meeting mode: the board's questions on a meeting-room screen, one priority at a time."""

from impact.ui.pages.meeting import render

render()
