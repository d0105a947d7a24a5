"""The board answer in words moved to :mod:`impact.spc.describe`."""

# shim: importers move at integration
from impact.spc.describe import describe
from impact.text import format_number

__all__ = ["describe", "format_number"]
