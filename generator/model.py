"""The normalised directory: structures, venues and offers, read-only once built.

Each object keeps its validated YAML data (`data`) and exposes the links between them; every
output (pages, search index, exports) is a function of a `Directory` and nothing else.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType

from . import referentials


def freeze(value):
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


def venue_uid(structure_id: str, ref: str) -> str:
    """A venue reference is local to the offer's structure unless written `autre-structure/lieu`."""
    return ref if "/" in ref else f"{structure_id}/{ref}"


def offer_uid(structure_id: str, ref: str) -> str:
    """An offer named in `suites` is one of the structure's unless written `autre-structure/offre`."""
    return ref if "/" in ref else f"{structure_id}/{ref}"


class _Fields:
    """Read access to the validated YAML fields of a record: `item["nom"]`, `item.get("horaires")`."""

    def __getitem__(self, key):
        return self.data[key]

    def get(self, key, default=None):
        return self.data.get(key, default)


class _Owned(_Fields):
    @property
    def uid(self) -> str:
        """Global id, `<structure-id>/<id>`."""
        return f"{self.structure_id}/{self.id}"


@dataclass(frozen=True)
class Lieu(_Owned):
    structure_id: str
    id: str
    data: MappingProxyType
    file: str


@dataclass(frozen=True)
class Offre(_Owned):
    structure_id: str
    id: str
    data: MappingProxyType
    file: str
    lieux: tuple[str, ...] = ()  # venue uids, resolved

    # Facts derived from the fields, read by pages, search index and exports alike.
    @property
    def etat(self) -> str:
        """`active`, `suspendue`, `terminee`… (statuts referential); active when not said."""
        return (self.data.get("statut") or {}).get("etat", "active")

    @property
    def active(self) -> bool:
        return self.etat == "active"

    @property
    def weekly_hours(self) -> str | None:
        """The OSM hours the offer keeps week after week: its opening hours, else its recurrence's."""
        return self.data.get("horaires") or (self.data.get("recurrence") or {}).get("horaires")

    @property
    def suites(self) -> tuple[str, ...]:
        """Uids of the offers to propose next (« Et après ? »), as written; check them against the directory."""
        return tuple(offer_uid(self.structure_id, r) for r in self.data.get("suites", ()))

    @property
    def niveau(self) -> str:
        """What the person must already know (niveaux referential): `niveau_requis`, else the segment's usual level."""
        return self.data.get("niveau_requis") or referentials.get("segments")[self.data["segment"]].get("x-niveau-requis")

    @property
    def hours_by_venue(self) -> dict[str, str]:
        """Venue uid → the OSM hours at that venue: its own entry of `horaires_par_lieu`, else the
        offer's common hours. Venues without either are left out."""
        own = {venue_uid(self.structure_id, e["lieu"]): e["horaires"] for e in self.data.get("horaires_par_lieu", ())}
        common = self.weekly_hours
        return {u: own.get(u) or common for u in self.lieux if own.get(u) or common}

    @property
    def hours_values(self) -> tuple[str, ...]:
        """Every distinct weekly OSM value of the offer (common, per venue, recurrence), sorted."""
        values = {self.weekly_hours, *(e["horaires"] for e in self.data.get("horaires_par_lieu", ()))}
        return tuple(sorted(v for v in values if v))

    @property
    def per_venue_hours(self) -> bool:
        return bool(self.data.get("horaires_par_lieu"))


@dataclass(frozen=True)
class Structure(_Fields):
    id: str
    data: MappingProxyType
    file: str
    lieux: tuple[str, ...] = ()
    offres: tuple[str, ...] = ()

    def partenaire(self, pid: str):
        return next((p for p in self.data.get("partenaires", ()) if p["id"] == pid), None)


@dataclass(frozen=True)
class Directory:
    today: dt.date
    structures: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    lieux: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    offres: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    par_lieu: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))  # venue uid -> offer uids

    def structure_of(self, item) -> Structure:
        return self.structures[item.structure_id]

    def offres_at(self, lieu_uid: str) -> tuple[Offre, ...]:
        return tuple(self.offres[u] for u in self.par_lieu.get(lieu_uid, ()))

    @property
    def summary(self) -> dict:
        return {"structures": len(self.structures), "lieux": len(self.lieux), "offres": len(self.offres)}
