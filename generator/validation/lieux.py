"""Rules for `lieux.yml`: each venue of the file."""
from __future__ import annotations

from .. import geography
from ..diagnostics import Report
from ..load import Document
from . import common, imported

_OSM = "Relevez les coordonnées sur openstreetmap.org."


def _venues(doc: Document):
    for i, lieu in enumerate(doc.data.get("lieux", [])):
        yield ("lieux", i), lieu


def check_ids(doc: Document, ctx, report: Report) -> None:
    seen: dict[str, int] = {}
    for base, lieu in _venues(doc):
        lid = lieu["id"]
        if lid in seen:
            report.emit(doc.path, doc.pos(base + ("id",)), "id-duplique", quoi="lieu", id=lid, numero=seen[lid] + 1,
                        conseil="Chaque lieu a un identifiant unique dans lieux.yml : renommez l'un des deux.")
        seen.setdefault(lid, base[1])


def check_commune(doc: Document, ctx, report: Report) -> None:
    """INSEE code, postcode and commune name designate the same commune."""
    for base, lieu in _venues(doc):
        commune = geography.commune(lieu["code_insee"])
        if commune is None:
            report.emit(doc.path, doc.pos(base + ("code_insee",)), "insee-inconnu", code=lieu["code_insee"],
                        conseil="Le code INSEE n'est pas le code postal : cherchez-le dans le code officiel géographique de l'INSEE.")
            continue
        if lieu["code_postal"] not in commune.codes_postaux:
            report.emit(doc.path, doc.pos(base + ("code_postal",)), "code-postal", code_postal=lieu["code_postal"], commune=commune.nom,
                        code=commune.code, codes=", ".join(commune.codes_postaux) or "aucun")
        if not geography.same_name(lieu["commune"], commune.nom):
            report.emit(doc.path, doc.pos(base + ("commune",)), "commune", nom=lieu["commune"], code=commune.code, officiel=commune.nom)


# Beyond these distances from the commune's centre, a venue's point is doubtful, then wrong.
FAR_KM = 20
WRONG_KM = 50


def _distance(commune, lat, lon) -> float:
    return geography.distance_km(lat, lon, commune.latitude, commune.longitude)


def check_coordinates(doc: Document, ctx, report: Report) -> None:
    """In France, and near the centre of the venue's commune (a point copied from another venue, or
    latitude and longitude swapped, lands elsewhere)."""
    for base, lieu in _venues(doc):
        coords = lieu.get("coordonnees")
        if coords is None:  # an import that knew neither the point nor the commune's centre (a_completer)
            continue
        lat, lon = coords["latitude"], coords["longitude"]
        pos = doc.pos(base + ("coordonnees",))
        commune = geography.commune(lieu["code_insee"])
        if not geography.in_france(lat, lon):
            hint = "Latitude et longitude semblent inversées." if geography.in_france(lon, lat) else \
                "Relevez les coordonnées sur openstreetmap.org (clic droit → « Afficher l'adresse »)."
            report.emit(doc.path, pos, "coordonnees", quoi="coordonnées hors de France", latitude=lat, longitude=lon, conseil=hint)
        elif commune is not None and commune.latitude is not None:
            distance = _distance(commune, lat, lon)
            if distance <= FAR_KM:
                continue
            swapped = _distance(commune, lon, lat) <= FAR_KM
            hint = ("Latitude et longitude semblent inversées : " if swapped else "") + \
                f"relevez les coordonnées du lieu sur openstreetmap.org (centre de {commune.nom} : {commune.latitude}, {commune.longitude})."
            if distance > WRONG_KM:
                report.emit(doc.path, pos, "coordonnees", quoi=f"coordonnées à {distance:.0f} km de {commune.nom}, la commune du lieu",
                            latitude=lat, longitude=lon, conseil=hint)
            else:
                report.emit(doc.path, pos, "coordonnees-eloignees", distance=f"{distance:.0f}", commune=commune.nom,
                            latitude=lat, longitude=lon, conseil=hint)
        elif commune is not None:
            # Communes without a point (overseas collectivities): the département's extent at least.
            box = geography.departement_box(commune.departement)
            if box and not (box[0] - 0.3 <= lat <= box[2] + 0.3 and box[1] - 0.3 <= lon <= box[3] + 0.3):
                report.emit(doc.path, pos, "coordonnees", quoi=f"coordonnées loin du département {commune.departement} de {commune.nom}",
                            latitude=lat, longitude=lon, conseil=_OSM)


def check_hours(doc: Document, ctx, report: Report) -> None:
    for base, lieu in _venues(doc):
        common.hours(doc, base + ("horaires",), lieu.get("horaires"), report)


RULES = (check_ids, check_commune, check_coordinates, check_hours, common.check_characters,
         imported.check_venue_marks)
