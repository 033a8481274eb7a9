"""`lieux.geojson`: every venue as a point, with the offers that take place there (for maps)."""
from __future__ import annotations

from pathlib import Path

from .. import referentials
from ..model import Directory
from . import common

FILE = "lieux.geojson"



# Described on the « Données ouvertes » page; a key with <…> stands for a family of files.
FILES = {
    FILE: {
        "titre": "Carte des lieux",
        "format": "GeoJSON",
        "description": "Chaque lieu en point (WGS 84), avec les identifiants, noms et segments des offres qui s'y déroulent.",
        "unite": "lieux",
    },
}

def features(directory: Directory) -> list[dict]:
    segments = referentials.get("segments")
    out = []
    for uid, lieu in directory.lieux.items():
        offres = directory.offres_at(uid)
        structure = directory.structures.get(lieu.structure_id)
        out.append({
            "type": "Feature",
            "id": uid,
            # GeoJSON's null geometry for a venue whose position is still to complete.
            "geometry": {"type": "Point", "coordinates": [lieu["coordonnees"]["longitude"], lieu["coordonnees"]["latitude"]]}
            if lieu.get("coordonnees") else None,
            "properties": {
                "id": uid,
                "nom": lieu["nom"],
                "type": lieu["type"],
                "structure": lieu.structure_id,
                "structure_nom": structure["nom"] if structure else None,
                "adresse": lieu["adresse"],
                "complement_adresse": lieu.get("complement_adresse"),
                "code_postal": lieu["code_postal"],
                "commune": lieu["commune"],
                "code_insee": lieu["code_insee"],
                "horaires": common.venue_hours(directory, lieu, offres),
                "pmr": lieu.get("accessibilite", {}).get("pmr"),
                # The commune's centre standing in for a position the source did not give.
                **({"coordonnees_approchees": True} if (lieu.get("coordonnees") or {}).get("approchees") else {}),
                "segments": common.ordered("segments", {o["segment"] for o in offres}),
                "offres": [{"id": o.uid, "nom": o["nom"], "segment": o["segment"], "segment_libelle": segments.label(o["segment"]),
                            "structure": o.structure_id} for o in offres],
            },
        })
    return out


def write(directory: Directory, out: Path, site_url: str | None = None) -> dict:
    feats = features(directory)
    common.write_json(out / FILE, {"type": "FeatureCollection", "features": feats})
    return {FILE: len(feats)}
