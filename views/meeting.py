"""Meeting mode: the board's questions on a meeting-room screen, one priority at a time."""

from impact.ui.meeting import main

main()
