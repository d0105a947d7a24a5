"""One module per ``python -m impact`` command (see ``impact/__main__.py``)."""
