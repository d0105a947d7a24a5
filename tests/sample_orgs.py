"""A small organisation tree (nation → regions → ICBs → trusts) that several tests walk."""

from impact.orgs import Org, OrgTree

TREE = OrgTree(
    [
        Org("N1", "Nation", "nation", None),
        Org("R1", "North region", "region", "N1"),
        Org("R2", "South region", "region", "N1"),
        Org("I1", "Alpha ICB", "icb", "R1"),
        Org("I2", "Beta ICB", "icb", "R1"),
        Org("T1", "Ash Trust", "trust", "I1"),
        Org("T2", "Birch Trust", "trust", "I1"),
        Org("T3", "Cedar Trust", "trust", "I2"),
        Org("T4", "Deal Trust", "trust", "R2"),
    ]
)
