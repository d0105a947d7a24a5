"""Whose figures a scoped user may see: the rule per source, applied where data is read.

- **Published national statistics** (files a publication reader recognised, and the
  national catalogue) are public: anyone signed in may compare with any organisation
  whose figures come only from them.
- **An analyst's own extracts** are not published: an organisation that any own extract
  names (observations, targets, events, projects, capability, self-assessment) is
  *hidden* from users whose scope does not cover it — its rows are removed from every
  query result, so no page, chart, CSV, peer comparison or board pack can show them.

The rule is per organisation, not per row, so it is easy to state and to check: an
organisation is either visible to a user or not, whatever the page.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from impact.access.scope import OrgScope
from impact.orgs import OrgTree


def hidden_orgs(scope: OrgScope, tree: OrgTree, unpublished: Iterable[str]) -> frozenset[str]:
    """The organisations with unpublished figures that ``scope`` does not cover."""
    if scope.is_everything:
        return frozenset()
    allowed = scope.expand(tree)
    return frozenset(code for code in unpublished if code not in allowed)


def without_hidden(frame: pd.DataFrame, hidden: frozenset[str]) -> pd.DataFrame:
    """``frame`` without the rows of hidden organisations (its ``org_code`` column)."""
    if not hidden or "org_code" not in frame.columns:
        return frame
    return frame[~frame["org_code"].isin(hidden)].reset_index(drop=True)
