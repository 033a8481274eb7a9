"""Which territories the observatory describes: the region(s) where the directory has venues or
declared territories, each of their départements and each of their intercommunalities.

A scope is a set of communes; an offer belongs to a scope when one of its places is in it (see
`facts`). Every commune of a covered region is in the scopes, venue or not: the communes without
one are precisely what the coverage figures are about."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .. import geography
from ..model import Directory

ROOT_URL = "observatoire/"


@dataclass(frozen=True)
class Scope:
    kind: str  # "ensemble", "region", "departement", "epci"
    code: str
    nom: str
    url: str
    communes: frozenset[str] = field(compare=False)
    parent: "Scope | None" = field(default=None, compare=False)

    @property
    def slug(self) -> str:
        """Unique and file-name safe, for element ids and CSV names."""
        return f"{self.kind}-{self.code}" if self.code else self.kind

    @property
    def trail(self) -> list["Scope"]:
        """The enclosing scopes, outermost first."""
        out, s = [], self.parent
        while s is not None:
            out.insert(0, s)
            s = s.parent
        return out


def _declared_communes(directory: Directory) -> set[str]:
    out = set()
    for s in directory.structures.values():
        territoire = s.get("territoire") or {}
        out |= set(territoire.get("communes", ()))
        for code in territoire.get("epci", ()):
            e = geography.epci(code)
            out |= set(e.membres) if e else set()
    return out


def covered_regions(directory: Directory) -> list[str]:
    codes = {v["code_insee"] for v in directory.lieux.values()} | _declared_communes(directory)
    regions = {geography.commune(c).region for c in codes if geography.commune(c)}
    return sorted(regions)


def epci_departement(members: list[geography.Commune]) -> str:
    """The département holding most of an intercommunality's communes (a few straddle two)."""
    counts = Counter(c.departement for c in members)
    return min(counts, key=lambda d: (-counts[d], d))


def build(directory: Directory) -> list[Scope]:
    """Every scope, the whole first, then regions (when more than one), départements, intercommunalities."""
    regions = covered_regions(directory)
    communes = [c for c in geography.all_communes() if c.region in regions]
    by_region: dict[str, set[str]] = defaultdict(set)
    by_dep: dict[str, set[str]] = defaultdict(set)
    by_epci: dict[str, list[geography.Commune]] = defaultdict(list)
    for c in communes:
        by_region[c.region].add(c.code)
        by_dep[c.departement].add(c.code)
        if c.epci:
            by_epci[c.epci].append(c)
    name = geography.REGIONS.get(regions[0], regions[0]) if len(regions) == 1 else "Territoires couverts"
    root = Scope("ensemble", "", name, ROOT_URL, frozenset(c.code for c in communes))
    out = [root]
    region_scope = {}
    for code in regions:
        if len(regions) == 1:
            region_scope[code] = root
            continue
        scope = Scope("region", code, geography.REGIONS.get(code, code), f"{ROOT_URL}regions/{code}/", frozenset(by_region[code]), root)
        region_scope[code] = scope
        out.append(scope)
    dep_scope = {}
    for code in sorted(by_dep):
        dep = geography.departement(code)
        parent = region_scope[dep.region] if dep else root
        scope = Scope("departement", code, f"{dep.nom} ({code})" if dep else code, f"{ROOT_URL}departements/{code}/",
                      frozenset(by_dep[code]), parent)
        dep_scope[code] = scope
        out.append(scope)
    for code in sorted(by_epci):
        e = geography.epci(code)
        members = by_epci[code]
        parent = dep_scope[epci_departement(members)]
        out.append(Scope("epci", code, e.nom if e else code, f"{ROOT_URL}epci/{code}/", frozenset(c.code for c in members), parent))
    return out


def children(scopes: list[Scope]) -> dict[str, list[Scope]]:
    """Scope slug → the scopes directly inside it."""
    out: dict[str, list[Scope]] = {s.slug: [] for s in scopes}
    for s in scopes:
        if s.parent is not None:
            out[s.parent.slug].append(s)
    return out
