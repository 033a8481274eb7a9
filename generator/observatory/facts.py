"""What each offer contributes to the observatory, computed once per build.

An offer is *in* a territory when one of its places is: its venues and the venues of its sessions
and séances; an offer without a venue (remote, itinerant) is in the territory its structure declares.
Figures count offers that are running (`active`); suspended, planned and finished ones are counted
apart where it matters (freshness, activity)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .. import geography, referentials
from ..model import Directory, Offre, venue_uid
from .scopes import Scope


def family(segment: str) -> str:
    return referentials.get("segments")[segment].get("x-famille", segment)


def families() -> list[tuple[str, str]]:
    """(code, label) of each segment family, in the referential's order: the report's columns."""
    out: dict[str, str] = {}
    for item in referentials.get("segments").items:
        out.setdefault(item.get("x-famille", item.code), item.get("x-famille-titre", item.label))
    return list(out.items())


def session_venues(offre: Offre) -> set[str]:
    refs = set()
    for session in offre.get("sessions", ()):
        if session.get("lieu"):
            refs.add(session["lieu"])
        refs |= {s["lieu"] for s in session.get("seances", ()) if s.get("lieu")}
    return {venue_uid(offre.structure_id, r) for r in refs}


@dataclass
class Facts:
    directory: Directory
    memo: dict = field(default_factory=dict, repr=False)  # per-territory and per-offer results, computed once

    @cached_property
    def declared(self) -> dict[str, frozenset[str]]:
        """Structure id → communes of its declared territory (communes and intercommunalities)."""
        out = {}
        for sid, s in self.directory.structures.items():
            territoire = s.get("territoire") or {}
            codes = set(territoire.get("communes", ()))
            for code in territoire.get("epci", ()):
                e = geography.epci(code)
                codes |= set(e.membres) if e else set()
            out[sid] = frozenset(codes)
        return out

    @cached_property
    def venues(self) -> dict[str, tuple[str, ...]]:
        """Offer uid → every venue uid where it takes place (its venues, then its sessions' others)."""
        out = {}
        for uid, o in self.directory.offres.items():
            extra = sorted(u for u in session_venues(o) - set(o.lieux) if u in self.directory.lieux)
            out[uid] = tuple(o.lieux) + tuple(extra)
        return out

    @cached_property
    def communes(self) -> dict[str, frozenset[str]]:
        """Offer uid → communes where it takes place (its structure's territory when it has no venue)."""
        out = {}
        for uid, o in self.directory.offres.items():
            venues = self.venues[uid]
            if venues:
                out[uid] = frozenset(self.directory.lieux[v]["code_insee"] for v in venues)
            else:
                out[uid] = self.declared.get(o.structure_id, frozenset())
        return out

    @cached_property
    def by_commune(self) -> dict[str, list[str]]:
        """Commune → offers taking place there, so that a territory's offers are found from its
        communes instead of testing every offer against every territory."""
        out: dict[str, list[str]] = {}
        for uid, codes in self.communes.items():
            for code in codes:
                out.setdefault(code, []).append(uid)
        return out

    @cached_property
    def venues_by_commune(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for uid, v in self.directory.lieux.items():
            out.setdefault(v["code_insee"], []).append(uid)
        return out

    def offers_in(self, scope: Scope, active_only: bool = True) -> list[Offre]:
        """The scope's offers, in the directory's order, memoised per scope."""
        key = (scope.slug, active_only)
        memo = self.memo.setdefault("offers_in", {})
        if key not in memo:
            uids = {u for code in scope.communes for u in self.by_commune.get(code, ())}
            offres = self.directory.offres
            memo[key] = [offres[u] for u in sorted(uids) if offres[u].active or not active_only]
        return memo[key]

    def by_structure(self, scope: Scope, active_only: bool = True) -> dict[str, list[Offre]]:
        """The scope's offers grouped by structure (linear, where a filter per structure would be quadratic)."""
        out: dict[str, list[Offre]] = {}
        for o in self.offers_in(scope, active_only):
            out.setdefault(o.structure_id, []).append(o)
        return out

    def venues_in(self, scope: Scope) -> list[str]:
        return sorted(u for code in scope.communes for u in self.venues_by_commune.get(code, ()))

    def structures_in(self, scope: Scope) -> list[str]:
        """Structures with an offer or a venue in the scope, by name."""
        sids = {o.structure_id for o in self.offers_in(scope, active_only=False)}
        sids |= {u.split("/")[0] for u in self.venues_in(scope)}
        sids &= set(self.directory.structures)
        return sorted(sids, key=lambda s: (self.directory.structures[s]["nom"].casefold(), s))

    def venue_in(self, venue: str, scope: Scope) -> bool:
        return self.directory.lieux[venue]["code_insee"] in scope.communes

    @cached_property
    def active_venues(self) -> dict[str, set[str]]:
        """Venue uid → segments of the running offers held there."""
        out: dict[str, set[str]] = {}
        for uid, o in self.directory.offres.items():
            if o.active:
                for v in self.venues[uid]:
                    out.setdefault(v, set()).add(o["segment"])
        return out
