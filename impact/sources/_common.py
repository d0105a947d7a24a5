"""Former home of what the readers share, now split by job (header, regions, priority,
publication). Only the name the store still imports from here is kept."""

from impact.sources.publication import SQL_PREFIX  # shim: importers move at integration

__all__ = ["SQL_PREFIX"]
