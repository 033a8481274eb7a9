"""`offres.csv`: one row per offer, flat, with French labels, for spreadsheets.

Written with a byte-order mark: without it, spreadsheet programs that guess the encoding
(Excel first) show accented letters as garbage."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from .. import referentials, schedule
from ..model import Directory, Offre
from ..text import one_line, spreadsheet_cell
from . import common

FILE = "offres.csv"
LIST_SEPARATOR = " | "
YES, NO = "oui", "non"

COLUMNS = (
    "id", "nom", "resume", "structure", "structure_nom", "segment", "configuration", "thematiques", "publics",
    "publics_precisions", "lieux", "communes", "codes_insee", "departements", "a_distance", "itinerant", "horaires",
    "horaires_par_lieu", "duree_limite_minutes",
    "nombre_seances_datees", "premiere_seance", "derniere_seance", "inscription_obligatoire", "inscription_modalites",
    "inscription_lien", "frais", "frais_precisions", "langues", "prises_en_charge", "orientation", "prerequis",
    "a_apporter", "telephone", "courriel", "statut", "date_maj", "programmes", "reserve_adherents",
)



# Described on the « Données ouvertes » page; a key with <…> stands for a family of files.
FILES = {
    FILE: {
        "titre": "Offres (tableur)",
        "format": "CSV",
        "description": "Une offre par ligne, avec les libellés en français, pour un tableur. Encodage UTF-8 avec marque "
                       "d'ordre des octets ; valeurs multiples séparées par « | ».",
        "unite": "offres",
    },
}

def _labels(name, codes) -> str:
    return LIST_SEPARATOR.join(referentials.label(name, c) for c in common.ordered(name, codes))


def _yes_no(value) -> str:
    return YES if value else NO


def row(directory: Directory, o: Offre) -> dict:
    structure = directory.structures.get(o.structure_id)
    lieux = [directory.lieux[u] for u in o.lieux]
    dated = common.seances(directory, o)
    contact = common.contact_of(o, lieux[0] if lieux else None, structure)
    orientation = []
    for orient in o.get("orientation", ()):
        partner = structure.partenaire(orient["partenaire"]) if structure else None
        orientation.append(f"{partner['nom'] if partner else orient['partenaire']} ({_labels('modes-orientation', orient['modes'])})")
    statut = o.get("statut", {}).get("etat")
    return {
        "id": o.uid,
        "nom": o["nom"],
        "resume": one_line(o["resume"]),
        "structure": o.structure_id,
        "structure_nom": structure["nom"] if structure else "",
        "segment": referentials.label("segments", o["segment"]),
        "configuration": referentials.label("configurations", o["configuration"]),
        "thematiques": _labels("thematiques", o.get("thematiques", ())),
        "publics": _labels("publics", o.get("publics", ())),
        "publics_precisions": one_line(o.get("publics_precisions")),
        "lieux": LIST_SEPARATOR.join(l["nom"] for l in lieux),
        "communes": LIST_SEPARATOR.join(dict.fromkeys(l["commune"] for l in lieux)),
        "codes_insee": LIST_SEPARATOR.join(dict.fromkeys(l["code_insee"] for l in lieux)),
        "departements": LIST_SEPARATOR.join(common.departements_of(directory, o)),
        "a_distance": _yes_no(o.get("a_distance")),
        "itinerant": _yes_no(o.get("itinerant")),
        # With hours per venue, the union of their usual week (each venue's own hours in the next column).
        "horaires": o.weekly_hours or schedule.union_hours(o.hours_values, directory.today) or "",
        "horaires_par_lieu": LIST_SEPARATOR.join(f"{directory.lieux[u]['nom']} : {h}" for u, h in o.hours_by_venue.items())
                             if o.per_venue_hours else "",
        "duree_limite_minutes": (o.get("duree_limite") or {}).get("minutes", ""),
        "nombre_seances_datees": len(dated),
        "premiere_seance": f"{dated[0][0]} {dated[0][1]}" if dated else "",
        "derniere_seance": f"{dated[-1][0]} {dated[-1][1]}" if dated else "",
        # Left empty when an import could not tell (listed in the offer's a_completer).
        "inscription_obligatoire": _yes_no(o["inscription"]["obligatoire"]) if o.get("inscription") else "",
        "inscription_modalites": _labels("modalites-acces", (o.get("inscription") or {}).get("modalites", ())),
        "inscription_lien": (o.get("inscription") or {}).get("lien", ""),
        "frais": referentials.label("frais", o["frais"]["type"]) if o.get("frais") else "",
        "frais_precisions": one_line((o.get("frais") or {}).get("details")),
        "langues": _labels("langues", o.get("langues", ())),
        "prises_en_charge": _labels("prises-en-charge", o.get("prises_en_charge", ())),
        "orientation": LIST_SEPARATOR.join(orientation),
        "prerequis": LIST_SEPARATOR.join(o.get("prerequis", ())),
        "a_apporter": LIST_SEPARATOR.join(o.get("a_apporter", ())),
        "telephone": contact.get("telephone", ""),
        "courriel": contact.get("courriel", ""),
        "statut": referentials.label("statuts", statut) if statut else "",
        "date_maj": o["date_maj"],
        "programmes": _labels("programmes", o.get("programmes", ())),
        "reserve_adherents": _yes_no(o.get("reserve_adherents")),
    }


def write(directory: Directory, out: Path, site_url: str | None = None) -> dict:
    rows = [row(directory, o) for o in directory.offres.values()]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_cell(v) for k, v in r.items()} for r in rows)
    common.write_text(out / FILE, buf.getvalue(), encoding="utf-8-sig")
    return {FILE: len(rows)}
