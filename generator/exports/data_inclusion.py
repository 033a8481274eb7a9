"""`data-inclusion/structures.json` and `data-inclusion/services.json`: the data·inclusion schema v1,
aggregated by the national API that referring professionals (CAF, France Travail, CCAS…) search."""
from __future__ import annotations

from pathlib import Path

from .. import completeness, referentials
from ..model import Directory, Offre, Structure, venue_uid
from ..urls import absolute, offre_url, structure_url
from ..text import one_line
from . import common

STRUCTURES = "data-inclusion/structures.json"
SERVICES = "data-inclusion/services.json"
# data·inclusion's own vocabulary for who may mobilise a service and how people are received.
PROFESSIONALS, USERS = "professionnels", "usagers"
ON_SITE, REMOTE = "en-presentiel", "a-distance"
# An offer entered only through a partner's prescription is not open to people on their own.
PRESCRIPTION = "fiche-prescription"



# Described on the « Données ouvertes » page; a key with <…> stands for a family of files.
FILES = {
    STRUCTURES: {
        "titre": "Structures (schéma data·inclusion v1)",
        "format": "JSON",
        "description": "Les structures au format du schéma data·inclusion v1, agrégé par l'API nationale des services "
                       "d'insertion consultée par les prescripteurs.",
        "unite": "structures",
    },
    SERVICES: {
        "titre": "Services (schéma data·inclusion v1)",
        "format": "JSON",
        "description": "Une offre par service (un service par lieu quand les horaires de l'offre changent d'un lieu à "
                       "l'autre), au format data·inclusion v1 : qui peut mobiliser l'offre (professionnels, "
                       "usagers) et comment, publics, thématiques, frais, horaires, zone d'éligibilité.",
        "unite": "services",
    },
}

def structure_id(sid: str) -> str:
    return f"{common.SOURCE}--{sid}"


def service_id(uid: str, venue: str | None = None) -> str:
    """An offer with hours per venue gives one service per venue (a service has one address and one
    set of hours): its id then ends with the venue's."""
    base = f"{common.SOURCE}--{common.file_id(uid)}"
    return f"{base}--{common.file_id(venue)}" if venue else base


def structure_record(directory: Directory, s: Structure) -> dict:
    lieu = directory.lieux[s.lieux[0]] if s.lieux else None
    contact = common.contact_of(s)
    record = {
        "source": common.SOURCE,
        "id": structure_id(s.id),
        "nom": s["nom"],
        "date_maj": s["date_maj"],
        "description": s.get("description"),
        "siret": s.get("siret"),
        "telephone": contact.get("telephone"),
        "courriel": contact.get("courriel"),
        "site_web": contact.get("site_web"),
        # Hours still to check (a_verifier) stay out; hours given per venue count even without common ones.
        "horaires_accueil": common.venue_hours(directory, lieu, [o for o in directory.offres_at(lieu.uid)
                                                                 if not completeness.listed(o, "horaires", completeness.TO_CHECK)])
        if lieu else None,
        "accessibilite_lieu": (lieu.get("accessibilite", {}).get("acceslibre") if lieu else None),
        "reseaux_porteurs": common.mapped("labels", s.get("labels", ()), "x-data-inclusion") or None,
    }
    record.update({k: None for k in ("adresse", "complement_adresse", "code_postal", "commune", "code_insee", "latitude", "longitude")})
    record.update(common.address_fields(lieu))
    return record


def zone(s: Structure) -> list[str] | None:
    territoire = s.get("territoire", {})
    codes = sorted(territoire.get("communes", ())) + sorted(territoire.get("epci", ()))
    return codes or None


def _mobilisable_par(o: Offre) -> list[str]:
    modalites = list((o.get("inscription") or {}).get("modalites", ()))
    out = []
    if o.get("orientation") or PRESCRIPTION in modalites:
        out.append(PROFESSIONALS)
    if any(m != PRESCRIPTION for m in modalites):
        out.append(USERS)
    return out


# OSM opening_hours month names (English abbreviations, fixed by the syntax).
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _hours(directory: Directory, o: Offre, venue: str | None = None) -> str | None:
    """Opening hours (at `venue` when given), the recurrence, or else the coming dated séances as OSM dated rules."""
    own = {venue_uid(o.structure_id, e["lieu"]): e["horaires"] for e in o.get("horaires_par_lieu", ())}
    if venue and own.get(venue):
        return own[venue]
    # A guess still to check (a_verifier) is not published: the venue's hours stand for it.
    weekly = o.weekly_hours if completeness.known(o, "horaires") or not o.get("horaires") \
        else (o.get("recurrence") or {}).get("horaires")
    if weekly:
        return weekly
    today = directory.today.isoformat()
    by_day: dict[str, list[str]] = {}
    for day, start, end, *_ in common.seances(directory, o):
        if day >= today and f"{start}-{end}" not in by_day.get(day, []):
            by_day.setdefault(day, []).append(f"{start}-{end}")
    rules = [f"{d[:4]} {_MONTHS[int(d[5:7]) - 1]} {d[8:]} {','.join(r)}" for d, r in sorted(by_day.items())]
    return "; ".join(rules) or None


def _sentences(parts) -> str | None:
    text = " ".join(p.rstrip(" .") + "." for p in parts if p and p.strip(" ."))
    return text or None


def _mobilisation_precisions(directory: Directory, o: Offre) -> str | None:
    parts = []
    if (o.get("inscription") or {}).get("details"):
        parts.append(one_line(o["inscription"]["details"]))
    structure = directory.structure_of(o)
    for orient in o.get("orientation", ()):
        partner = structure.partenaire(orient["partenaire"])
        name = partner["nom"] if partner else orient["partenaire"]
        modes = ", ".join(referentials.label("modes-orientation", m).lower() for m in orient["modes"])
        line = f"Orientation par {name} ({modes})"
        parts.append(f"{line} : {one_line(orient['details'])}" if orient.get("details") else line)
    return _sentences(parts)


def _conditions(o: Offre) -> str | None:
    parts = []
    if o.get("reserve_adherents"):
        parts.append("Réservé aux adhérents de la structure")
    limit = o.get("duree_limite")
    if limit:
        parts.append(f"Durée limitée à {limit['minutes']} minutes par personne" + (f" {one_line(limit['quand'])}" if limit.get("quand") else ""))
    if o.get("prerequis"):
        parts.append("Prérequis : " + " ; ".join(o["prerequis"]))
    if o.get("a_apporter"):
        parts.append("À apporter : " + " ; ".join(o["a_apporter"]))
    return _sentences(parts)


def service_record(directory: Directory, o: Offre, venue: str | None = None) -> dict:
    structure = directory.structure_of(o)
    lieu = directory.lieux[venue or o.lieux[0]] if o.lieux else None
    contact = common.contact_of(o, lieu, structure)
    frais = o.get("frais") or {}
    frais_type = referentials.get("frais")[frais["type"]] if frais else None
    frais_precisions = [frais_type.label] if frais_type and frais_type.get("x-data-inclusion") != frais["type"] else []
    if frais.get("details"):
        frais_precisions.append(one_line(frais["details"]))
    description = o["resume"] + ("\n\n" + o["description"] if o.get("description") else "")
    accueil = ([ON_SITE] if o.lieux else []) + ([REMOTE] if o.get("a_distance") else [])
    inscription = o.get("inscription") or {}
    modes = common.mapped("modalites-acces", (completeness.known(o, "inscription") or {}).get("modalites", ()), "x-data-inclusion")
    link = inscription.get("lien") or common.booking_link(o, lieu, structure)
    if link and "utiliser-lien-mobilisation" not in modes:
        modes.append("utiliser-lien-mobilisation")
    record = {
        "source": common.SOURCE,
        "structure_id": structure_id(o.structure_id),
        "id": service_id(o.uid, venue),
        "nom": o["nom"],
        "description": description,
        "date_maj": o["date_maj"],
        "type": referentials.get("segments")[o["segment"]].get("x-data-inclusion-type") if completeness.known(o, "segment") else None,
        "thematiques": common.mapped("thematiques", o.get("thematiques", ()), "x-data-inclusion-thematiques") or None,
        "publics": common.mapped("publics", o.get("publics", ()), "x-data-inclusion-publics") or None,
        "publics_precisions": o.get("publics_precisions"),
        "frais": frais_type.get("x-data-inclusion") if frais_type else None,
        "frais_precisions": _sentences(frais_precisions),
        "conditions_acces": _conditions(o),
        "mobilisable_par": _mobilisable_par(o) or None,
        "modes_mobilisation": modes or None,
        "lien_mobilisation": link,
        "mobilisation_precisions": _mobilisation_precisions(directory, o),
        "modes_accueil": accueil or None,
        "horaires_accueil": _hours(directory, o, venue),
        "zone_eligibilite": zone(structure) if structure else None,
        "contact_nom_prenom": None,
        "telephone": contact.get("telephone"),
        "courriel": contact.get("courriel"),
        "nombre_semaines": None,
        "volume_horaire_hebdomadaire": None,
    }
    record.update({k: None for k in ("adresse", "complement_adresse", "code_postal", "commune", "code_insee", "latitude", "longitude")})
    record.update(common.address_fields(lieu))
    return record


def write(directory: Directory, out: Path, site_url: str | None = None) -> dict:
    structures = [{**structure_record(directory, s), "lien_source": absolute(site_url, structure_url(s.id))}
                  for s in directory.structures.values()]
    services = [{**service_record(directory, o, venue), "lien_source": absolute(site_url, offre_url(o.uid))}
                for o in directory.offres.values() if o.structure_id in directory.structures
                for venue in (o.lieux if o.per_venue_hours else (None,))]
    common.write_json(out / STRUCTURES, structures)
    common.write_json(out / SERVICES, services)
    return {STRUCTURES: len(structures), SERVICES: len(services)}
