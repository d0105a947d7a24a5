"""NHS IMPACT capability: where the organisation stands on the five components, and its capacity."""

from impact.ui.capability_page import main

main()
