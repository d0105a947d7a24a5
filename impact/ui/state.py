"""Former name of :mod:`impact.ui.data` (the pages' one place for data)."""

# shim: importers move at integration (impact.ui.pack_download reads the store from here).
from impact.ui.data import board, get_store, org_tree, query, refresh

__all__ = ["board", "get_store", "org_tree", "query", "refresh"]
