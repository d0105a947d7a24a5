"""An organisation scope: the organisations a user may choose, and whose own figures they see.

A scope is written as organisation codes; each covers itself and everything below it in
the organisation tree (:mod:`impact.orgs`): an ICB its trusts and PCNs, a region its ICBs
and theirs. ``*`` is every organisation. Codes the data does not (yet) hold are kept, so an
access file can be written before the extract that names the organisation arrives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from impact.orgs import OrgTree

#: The scope entry meaning every organisation.
ALL_ORGS = "*"


@dataclass(frozen=True)
class OrgScope:
    """The organisation codes a user was granted (before expansion), or every one."""

    codes: frozenset[str]

    @classmethod
    def of(cls, codes: Iterable[str]) -> OrgScope:
        return cls(frozenset(c.strip() for c in codes if c.strip()))

    @classmethod
    def everything(cls) -> OrgScope:
        return cls(frozenset({ALL_ORGS}))

    @property
    def is_everything(self) -> bool:
        return ALL_ORGS in self.codes

    @property
    def key(self) -> tuple[str, ...]:
        """A hashable, ordered form (a cache key)."""
        return tuple(sorted(self.codes))

    def expand(self, tree: OrgTree) -> frozenset[str]:
        """Every code the scope covers in ``tree``: each granted code and all below it.

        For :meth:`everything` this is every organisation in the tree. The walk keeps a
        set of visited codes, so a cycle in a hand-written organisations file ends.
        """
        if self.is_everything:
            return frozenset(o.code for o in _all_orgs(tree))
        found: set[str] = set()
        stack = list(self.codes)
        while stack:
            code = stack.pop()
            if code in found:
                continue
            found.add(code)
            stack.extend(child.code for child in tree.children(code))
        return frozenset(found)

    def allows(self, code: str, tree: OrgTree) -> bool:
        """Whether ``code`` is within the scope."""
        return self.is_everything or code in self.expand(tree)

    def restrict(self, tree: OrgTree) -> OrgTree:
        """The tree of the scope's organisations only: what the organisation picker lists.

        An organisation whose parent is out of scope becomes a top of the tree, so an ICB
        user's picker starts at their ICB, never at the region above it.
        """
        if self.is_everything:
            return tree
        return OrgTree(tree.get(c) for c in sorted(self.expand(tree)) if c in tree)

    def words(self, tree: OrgTree) -> str:
        """The scope in words: "every organisation", or the granted names."""
        if self.is_everything:
            return "every organisation"
        return ", ".join(f"{tree.name(c)} ({c})" for c in sorted(self.codes)) or "none"


def _all_orgs(tree: OrgTree) -> list:
    seen: list = []
    stack = list(tree.children(None))
    visited: set[str] = set()
    while stack:
        org = stack.pop()
        if org.code in visited:
            continue
        visited.add(org.code)
        seen.append(org)
        stack.extend(tree.children(org.code))
    return seen
