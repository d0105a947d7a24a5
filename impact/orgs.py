"""The organisation hierarchy (region → ICB → trust), walkable both ways, and peer groups.

The organisation picker, the peer comparison, the ICB-and-region comparison and the
improvement page's scope all walk the same tree, built once from the ``board_org_tree``
query. Pure Python: no Streamlit, no DuckDB.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

#: Which organisations a peer comparison shows: those sharing the parent, the region, or
#: every one in England (the nation above them, or everyone in the data when there is none).
PEER_SCOPES: tuple[str, ...] = ("parent", "region", "england")


@dataclass(frozen=True)
class Org:
    """One organisation in the hierarchy."""

    code: str
    name: str
    org_type: str
    parent_code: str | None


class OrgTree:
    """The organisation hierarchy, walkable both ways (parent and children)."""

    def __init__(self, orgs: Iterable[Org]):
        self._orgs: dict[str, Org] = {o.code: o for o in orgs}
        self._children: dict[str | None, list[Org]] = {}
        for org in self._orgs.values():
            parent = org.parent_code if org.parent_code in self._orgs else None
            self._children.setdefault(parent, []).append(org)
        for kids in self._children.values():
            kids.sort(key=lambda o: o.name)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> OrgTree:
        """Build from rows with ``org_code, org_name, org_type, parent_code``."""
        orgs = []
        for row in frame.itertuples(index=False):
            parent = row.parent_code if isinstance(row.parent_code, str) else None
            orgs.append(Org(str(row.org_code), str(row.org_name), str(row.org_type), parent))
        return cls(orgs)

    def __contains__(self, code: object) -> bool:
        return code in self._orgs

    def __len__(self) -> int:
        return len(self._orgs)

    def get(self, code: str) -> Org:
        return self._orgs[code]

    def name(self, code: str) -> str:
        return self._orgs[code].name if code in self._orgs else code

    def children(self, code: str | None, org_type: str | None = None) -> list[Org]:
        """Direct children (``None`` = the top of the tree), optionally of one type."""
        kids = self._children.get(code, [])
        return [k for k in kids if org_type is None or k.org_type == org_type]

    def of_type(self, org_type: str) -> list[Org]:
        return sorted((o for o in self._orgs.values() if o.org_type == org_type), key=_by_name)

    def ancestors(self, code: str) -> list[Org]:
        """Parent first, up to the top; stops on a cycle rather than looping forever."""
        chain: list[Org] = []
        seen = {code}
        org = self._orgs.get(code)
        while org and org.parent_code in self._orgs and org.parent_code not in seen:
            seen.add(org.parent_code)
            org = self._orgs[org.parent_code]
            chain.append(org)
        return chain

    def ancestor_of_type(self, code: str, org_type: str) -> Org | None:
        if code in self._orgs and self._orgs[code].org_type == org_type:
            return self._orgs[code]
        return next((a for a in self.ancestors(code) if a.org_type == org_type), None)

    def descendants(self, code: str, org_type: str) -> list[Org]:
        """Every organisation of ``org_type`` below ``code`` (any depth)."""
        found: list[Org] = []
        stack = list(self.children(code))
        seen: set[str] = set()
        while stack:
            org = stack.pop()
            if org.code in seen:
                continue
            seen.add(org.code)
            if org.org_type == org_type:
                found.append(org)
            stack.extend(self.children(org.code))
        return sorted(found, key=_by_name)

    def peers(self, code: str, scope: str = "parent") -> list[Org]:
        """Organisations of the same type to compare with, the chosen one included.

        ``parent`` gives those sharing its parent (the trusts of its ICB); ``region`` those
        in the same region (every trust in the region); ``england`` every one of its type in
        the nation above it (or in the data, when there is none). A top-level organisation is
        compared with the other top-level organisations of its type.
        """
        if code not in self._orgs:
            return []
        org = self._orgs[code]
        if scope == "england":
            nation = self.ancestor_of_type(code, "nation")
            if nation is not None and nation.code != code:
                return self.descendants(nation.code, org.org_type)
            return self.of_type(org.org_type)
        if scope == "region":
            region = self.ancestor_of_type(code, "region")
            if region is not None and region.code != code:
                return self.descendants(region.code, org.org_type)
        parent = org.parent_code if org.parent_code in self._orgs else None
        return self.children(parent, org.org_type)

    def comparator_codes(self, code: str) -> list[str]:
        """The organisation itself, then its ICB and region: the "compared" chart's lines."""
        above = [o.code for o in self.ancestors(code) if o.org_type in ("icb", "region")]
        return [code, *above]

    def default_org(self) -> str | None:
        """The first trust by name, else the first organisation: a concrete starting view."""
        for org_type in ("trust", "icb", "region"):
            orgs = self.of_type(org_type)
            if orgs:
                return orgs[0].code
        return min(self._orgs, default=None)


def _by_name(org: Org) -> str:
    return org.name


_LEVEL_WORDS = {
    "region": "Region",
    "icb": "Integrated care board (ICB)",
    "trust": "Trust",
    "pcn": "Primary care network",
    "practice": "Practice",
}


def level_label(types: set[str]) -> str:
    """The label of an organisation-picker level listing organisations of these types.

    Published data mixes kinds on one level (a region holds its ICBs and, directly, the
    independent providers and urgent treatment centres that have no ICB), so the label
    names the main kind and says when others sit beside it.
    """
    types = set(types)
    if not types:
        return "Organisation"
    if types == {"trust", "pcn"}:
        return "Trust or primary care network"
    for main in ("region", "icb", "trust", "pcn", "practice"):
        if main in types:
            word = _LEVEL_WORDS[main]
            return word if types == {main} else f"{word} or other organisation"
    return "Organisation"
