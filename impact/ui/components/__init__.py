"""What the pages draw, one file per family; each takes results and draws them.

``stamp`` (the "data as at" line, link notes), ``icon_pair`` (variation and assurance
icons with their words), ``cards`` (a metric as its board question, the detail link),
``ipr`` (the integrated performance report table), ``questions`` (questions the board may
wish to ask), ``figures`` (SPC, peer and comparison charts on the page), ``numbers``
(the numbers behind a chart), ``tables`` (targets, events, projects), ``downloads`` (CSV
buttons) and ``question_log`` (open questions beside a metric, the form to ask one).
None computes a number: those come from :mod:`impact.board` through :mod:`impact.ui.data`.
"""
