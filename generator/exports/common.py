"""What every export format shares: plain JSON values, ids, mappings, venue resolution, file writing."""
from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType

from .. import geography, referentials, schedule
from ..model import Directory, Lieu, Offre, venue_uid

# The name under which our records are published in the national aggregations (data·inclusion
# `source`, MedNum `source`); it also prefixes every exported id so they never clash with
# records of other sources.
SOURCE = "annuaire-mediation-numerique"
PUBLISHER = "Annuaire de la médiation numérique"
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence"


def thaw(value):
    """The read-only model as plain JSON values (dicts and lists)."""
    if isinstance(value, (dict, MappingProxyType)):
        return {k: thaw(v) for k, v in value.items() if k != "$schema"}
    if isinstance(value, (list, tuple)):
        return [thaw(v) for v in value]
    return value


def file_id(uid: str) -> str:
    """`structure/offre` as a file-name-safe id; ids never contain "--", so this stays unambiguous."""
    return uid.replace("/", "--")


def mapped(referential: str, codes, key: str) -> list:
    """The `key` mapping of `codes`, flattened, unique, in the referential's order (so output is stable)."""
    wanted = set(codes)
    out: list = []
    for item in referentials.get(referential).items:
        if item.code not in wanted:
            continue
        value = item.get(key)
        for v in value if isinstance(value, list) else [value]:
            if v is not None and v not in out:
                out.append(v)
    return out


def ordered(referential: str, codes) -> list[str]:
    wanted = set(codes)
    return [c for c in referentials.get(referential).codes if c in wanted]


def latest(*dates) -> str:
    return max(d for d in dates if d)


def departements_of(directory: Directory, offre: Offre) -> list[str]:
    """Départements where the offer takes place: its venues', else its structure's territory."""
    codes = {geography.commune(directory.lieux[u]["code_insee"]) for u in offre.lieux}
    if not codes:
        territoire = directory.structure_of(offre).get("territoire", {})
        insee = list(territoire.get("communes", ()))
        for code in territoire.get("epci", ()):
            e = geography.epci(code)
            insee += list(e.membres) if e else []
        codes = {geography.commune(c) for c in insee}
    return sorted({c.departement for c in codes if c is not None})


def contact_of(*sources) -> dict:
    """The first value of each contact field among `sources` (offer, venue, structure, in that order)."""
    out: dict = {}
    for src in sources:
        for key, value in (src or {}).get("contact", {}).items():
            out.setdefault(key, value)
    return out


def venue_hours(directory: Directory, lieu: Lieu, offres) -> str | None:
    """The venue's own hours, else the union of the hours of its spontaneous offers."""
    if lieu.get("horaires"):
        return lieu["horaires"]
    return schedule.union_hours([o.hours_by_venue.get(lieu.uid) for o in offres if o["configuration"] == "spontanee"], directory.today)


def booking_link(*sources) -> str | None:
    """The first online booking link among the contacts of `sources` (offer, venue, structure)."""
    for src in sources:
        for entry in ((src or {}).get("contact") or {}).get("en_ligne", ()):
            if entry["mode"] == "prise-rendez-vous":
                return entry["lien"]
    return None


def seances(directory: Directory, offre: Offre):
    """Every dated séance of the offer as (date, start, end, venue uid or None, theme, session)."""
    out = []
    default = offre.lieux[0] if offre.lieux else None
    for session in offre.get("sessions", ()):
        for s in session.get("seances", ()):
            ref = s.get("lieu") or session.get("lieu")
            uid = venue_uid(offre.structure_id, ref) if ref else default
            out.append((s["date"], s["debut"], s["fin"], uid if uid in directory.lieux else default, s.get("theme"), session))
    return sorted(out, key=lambda t: (t[0], t[1], t[2], t[3] or "", t[4] or ""))


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


def write_json(path: Path, value) -> None:
    # Without indentation: at 20,000 offers the indented files weighed a third more (some 30 MB of the
    # published site); browsers and `jq` lay them out for reading.
    write_text(path, json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n")


def address_fields(lieu: Lieu | None) -> dict:
    if lieu is None:
        return {}
    # The commune's centre that stands in for unknown coordinates is not published as the place's position.
    coords = lieu.get("coordonnees") or {}
    exact = bool(coords) and not coords.get("approchees")
    return {
        "adresse": lieu["adresse"],
        "complement_adresse": lieu.get("complement_adresse"),
        "code_postal": lieu["code_postal"],
        "commune": lieu["commune"],
        "code_insee": lieu["code_insee"],
        "latitude": coords["latitude"] if exact else None,
        "longitude": coords["longitude"] if exact else None,
    }
