"""The contracts document now lives in :mod:`impact.contracts.document`.

``python -m impact.contracts_doc`` (named in ``data/README.md``'s generated-section marker)
still rewrites that section.
"""

import sys

# shim: importers move at integration
from impact.contracts.document import (  # noqa: F401
    BEGIN,
    COLUMN_MEANINGS,
    END,
    README,
    meaning,
    render_contract,
    render_contracts,
    section_of,
    update_readme,
)

if __name__ == "__main__":
    changed = update_readme()
    print(f"{README}: {'updated' if changed else 'already up to date'}")
    sys.exit(0)
