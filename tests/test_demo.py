"""Moved to ``tests/demo/``; the helpers stay importable here for the catalogue tests."""

from tests.demo.contract_check import (  # noqa: F401  # shim: importers move at integration
    contract_errors,
    read_csv,
)
