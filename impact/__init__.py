"""impact: the logic behind the NHS board improvement dashboard.

Everything a page shows is computed here (data store, SPC engine, question framing,
charts, CLI) so that pages stay thin and every rule can be tested without Streamlit.
"""

from pathlib import Path

#: The project root (the folder holding ``dashboard.py``, ``queries/`` and ``data/``).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
