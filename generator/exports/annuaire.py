"""`annuaire.json`: the whole normalised directory, described by `schema/annuaire.schema.json`.

Each object keeps its YAML data unchanged under `donnees` (so the per-file schemas describe it)
and adds the links the model resolved: ids, structure, venues, offers."""
from __future__ import annotations

from pathlib import Path

from .. import geography
from ..model import Directory
from . import common

FILE = "annuaire.json"
FORMAT_VERSION = 1



# Described on the « Données ouvertes » page; a key with <…> stands for a family of files.
FILES = {
    FILE: {
        "titre": "Annuaire complet",
        "format": "JSON",
        "description": "Toutes les structures, tous les lieux et toutes les offres, avec les champs des fichiers YAML "
                       "sous « donnees » ; décrit par le schéma schema/annuaire.schema.json.",
        "unite": "offres",
    },
}

def document(directory: Directory) -> dict:
    return {
        "format": FORMAT_VERSION,
        "date": directory.today.isoformat(),
        "source": common.SOURCE,
        "licence": common.LICENCE,
        "geographie": geography.source()["package"] + " " + geography.source()["version"],
        "resume": directory.summary,
        "structures": [{"id": s.id, "lieux": list(s.lieux), "offres": list(s.offres), "donnees": common.thaw(s.data)}
                       for s in directory.structures.values()],
        "lieux": [{"id": uid, "structure": l.structure_id, "offres": list(directory.par_lieu.get(uid, ())), "donnees": common.thaw(l.data)}
                  for uid, l in directory.lieux.items()],
        "offres": [{"id": uid, "structure": o.structure_id, "lieux": list(o.lieux), "departements": common.departements_of(directory, o),
                    "donnees": common.thaw(o.data)}
                   for uid, o in directory.offres.items()],
    }


def write(directory: Directory, out: Path, site_url: str | None = None) -> dict:
    doc = document(directory)
    common.write_json(out / FILE, doc)
    return {FILE: len(doc["offres"])}
