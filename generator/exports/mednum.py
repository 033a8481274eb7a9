"""`lieux-de-mediation-numerique.csv`: the « Lieux de médiation numérique » standard v1.0.2,
read by the national map (Cartographie nationale des lieux d'inclusion numérique).

One row per venue and structure: the venue's owner always, and any other structure whose
offers take place there (a permanence in a partner's library is a place of that structure too).
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from .. import completeness, referentials
from ..model import Directory
from ..text import shorten, spreadsheet_cell
from ..markdown import plain_text
from . import common

FILE = "lieux-de-mediation-numerique.csv"

# The standard's columns, in its order (the test compares them with the official schema).
COLUMNS = (
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse", "latitude",
    "longitude", "typologie", "telephone", "courriels", "site_web", "horaires", "presentation_resume",
    "presentation_detail", "source", "itinerance", "structure_parente", "date_maj", "services",
    "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge", "dispositif_programmes_nationaux",
    "formations_labels", "autres_formations_labels", "modalites_acces", "modalites_accompagnement",
    "fiche_acces_libre", "prise_rdv",
)
SEPARATOR = "|"
# Values of the standard for facts that are booleans in our model, not codes of a referential.
FIXED, ITINERANT = "Fixe", "Itinérant"
REMOTE = "À distance"
# The standard requires a 9-14 character `pivot` (SIRET, RNA or RIDET). Without a SIRET we write
# fourteen zeros, the national map's conventional "unknown" value: a made-up code derived from our
# ids could collide with a real establishment's identifier and merge our place with it.
UNKNOWN_PIVOT = "00000000000000"
RESUME_MAX = 280

# Described on the « Données ouvertes » page; a key with <…> stands for a family of files.
FILES = {
    FILE: {
        "titre": "Lieux de médiation numérique (standard national)",
        "format": "CSV",
        "description": "Un lieu par ligne (ou un lieu et une structure, quand plusieurs structures y proposent des offres), "
                       "au format du standard « Lieux de médiation numérique » v1.0.2 lu par la Cartographie nationale "
                       "des lieux d'inclusion numérique. Valeurs multiples séparées par « | », horaires au format OpenStreetMap.",
        "unite": "lieux",
    },
}


def rows(directory: Directory) -> list[dict]:
    out = []
    for uid, lieu in directory.lieux.items():
        at_venue = directory.offres_at(uid)
        sids = sorted({lieu.structure_id} | {o.structure_id for o in at_venue})
        for sid in sids:
            if sid not in directory.structures:
                continue
            offres = [o for o in at_venue if o.structure_id == sid]
            out.append(_row(directory, directory.structures[sid], lieu, offres))
    # An imported place keeps the id its source gave it (the national map deduplicates on it),
    # unless two rows would claim the same one: the standard wants unique ids.
    counts: dict[str, int] = {}
    for row in out:
        counts[row["id"]] = counts.get(row["id"], 0) + 1
    for row in out:
        if counts[row["id"]] > 1 and row.get("_own_id"):
            row["id"] = row["_own_id"]
    for row in out:
        row.pop("_own_id", None)
    return out


def _row(directory, structure, lieu, offres) -> dict:
    owner = structure.id == lieu.structure_id
    source = lieu.get("source") if owner else None
    contact = common.contact_of(lieu, structure)
    structure_contact = structure.get("contact") or {}
    courriels = [c for c in (lieu.get("contact", {}).get("courriel"), structure_contact.get("courriel")) if c]
    sites = [c for c in (lieu.get("contact", {}).get("site_web"), structure_contact.get("site_web")) if c]
    labels = structure.get("labels", ())
    national = list(dict.fromkeys(common.mapped("labels", labels, "x-mednum")
                                  + common.mapped("programmes", _all(offres, "programmes"), "x-mednum")))
    trainings = common.mapped("labels", labels, "x-mednum-formation")
    others = [i.label for i in _items("labels", labels) if i.get("x-mednum") is None and i.get("x-mednum-formation") is None]
    others += list(structure.get("autres_labels", ()))
    # A segment still listed in a_verifier is the importer's guess, not a fact to publish.
    accompagnement = common.mapped("segments", [o["segment"] for o in offres if completeness.known(o, "segment")],
                                   "x-mednum-accompagnement")
    if any(o.get("a_distance") for o in offres):
        accompagnement.append(REMOTE)
    names = "; ".join(o["nom"] for o in offres)
    description = plain_text(structure.get("description"))
    detail = f"{description} Offres proposées ici : {names}." if names else description
    if owner and lieu.get("typologie"):
        typologie = common.mapped("typologies", lieu["typologie"], "x-mednum-typologie")
    elif structure.get("typologie"):
        typologie = common.mapped("typologies", structure["typologie"], "x-mednum-typologie")
    else:
        typologie = common.mapped("types-structures", [structure["type"]] if structure.get("type") else [], "x-mednum-typologie")
    coords = lieu.get("coordonnees") or {}
    # The commune's centre stands in for unknown coordinates on our pages; the standard makes
    # them optional, so the national map gets nothing rather than a point that is not the place.
    exact = bool(coords) and not coords.get("approchees")
    own_id = common.file_id(lieu.uid) if owner else f"{structure.id}--{common.file_id(lieu.uid)}"
    return {
        "id": source["id"] if source else own_id,
        "_own_id": own_id,
        "pivot": (lieu.get("siret") or lieu.get("rna") if owner else None) or structure.get("siret") or structure.get("rna") or UNKNOWN_PIVOT,
        "nom": lieu["nom"] if owner else f"{structure['nom']} ({lieu['nom']})",
        "commune": lieu["commune"],
        "code_postal": lieu["code_postal"],
        "code_insee": lieu["code_insee"],
        "adresse": lieu["adresse"],
        "complement_adresse": lieu.get("complement_adresse", ""),
        "latitude": coords["latitude"] if exact else "",
        "longitude": coords["longitude"] if exact else "",
        "typologie": SEPARATOR.join(typologie),
        "telephone": contact.get("telephone", ""),
        "courriels": SEPARATOR.join(dict.fromkeys(courriels)),
        "site_web": SEPARATOR.join(dict.fromkeys(sites)),
        # Hours still to check (a_verifier) stay out; hours given per venue count even without common ones.
        "horaires": common.venue_hours(directory, lieu, [o for o in offres
                                                         if not completeness.listed(o, "horaires", completeness.TO_CHECK)]) or "",
        "presentation_resume": (lieu.get("resume") or ("" if lieu.get("description") else shorten(description, RESUME_MAX)))
        if source else shorten(description, RESUME_MAX),
        # An imported place is described by what its source said (nothing added to it).
        "presentation_detail": (lieu.get("description") or ("" if lieu.get("resume") else description)) if source else detail,
        "source": source["nom"] if source else common.SOURCE,
        "itinerance": SEPARATOR.join(_itinerance(offres, imported=bool(source))),
        "structure_parente": source.get("structure_parente", "") if source else ("" if lieu["nom"] == structure["nom"] else structure["nom"]),
        "date_maj": common.latest(structure["date_maj"], *(o["date_maj"] for o in offres)),
        "services": SEPARATOR.join(common.mapped("thematiques", _all(offres, "thematiques"), "x-mednum-service")),
        "publics_specifiquement_adresses": SEPARATOR.join(common.mapped("publics", _all(offres, "publics"), "x-mednum-public")),
        "prise_en_charge_specifique": SEPARATOR.join(common.mapped("prises-en-charge", _all(offres, "prises_en_charge"), "x-mednum")),
        "frais_a_charge": SEPARATOR.join(common.mapped("frais", [o["frais"]["type"] for o in offres if o.get("frais")], "x-mednum")),
        "dispositif_programmes_nationaux": SEPARATOR.join(national),
        "formations_labels": SEPARATOR.join(trainings),
        "autres_formations_labels": SEPARATOR.join(others),
        "modalites_acces": SEPARATOR.join(common.mapped(
            "modalites-acces", [m for o in offres for m in (completeness.known(o, "inscription") or {}).get("modalites", ())], "x-mednum")),
        "modalites_accompagnement": SEPARATOR.join(accompagnement),
        "fiche_acces_libre": lieu.get("accessibilite", {}).get("acceslibre", ""),
        "prise_rdv": min((o["inscription"]["lien"] for o in offres if (o.get("inscription") or {}).get("lien")), default="")
                     or common.booking_link(*offres, lieu, structure) or "",
    }


def _itinerance(offres, imported: bool) -> list[str]:
    """« Fixe » for a place where offers happen on site, « Itinérant » when an offer moves. For an
    imported place only what its offers say is written (the source may have said neither)."""
    values = []
    if not imported or any(o.get("itinerant") is False for o in offres):
        values.append(FIXED)
    if any(o.get("itinerant") for o in offres):
        values.append(ITINERANT)
    return values


def _all(offres, key) -> list[str]:
    return [code for o in offres for code in o.get(key, ())]


def _items(name, codes):
    wanted = set(codes)
    return [i for i in referentials.get(name).items if i.code in wanted]


def render(directory: Directory) -> tuple[str, int]:
    data = rows(directory)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows({k: spreadsheet_cell(v) for k, v in row.items()} for row in data)
    return buf.getvalue(), len(data)


def write(directory: Directory, out: Path, site_url: str | None = None) -> dict:
    text, count = render(directory)
    common.write_text(out / FILE, text)
    return {FILE: count}
