"""data·inclusion v1 (`structures.json` + `services.json`, schemas in tests/standards/data-inclusion-v1/),
where most national data on social-inclusion services now circulates.

A structure becomes a structure with one venue at its address; each of its services becomes an
offer, at the structure's venue, or at its own address when it has another one (a second venue),
or remote only. Vocabularies are read backwards from the referentials' `x-data-inclusion…` keys;
what has no equivalent is named in the report, what the record lacks goes to `a_completer`.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .. import phones, referentials, schedule
from .. import french_hours as hours
from . import communes, mapping
from .bundle import Bundle, marks, slug
from .csv_reading import SourceError
from .report import ImportReport

MAX_BYTES = 200 * 1024 * 1024
# data·inclusion service types → our segments; « accompagnement » covers free access and
# individual help alike, « information » events and sessions: a deduction to check.
_SEGMENTS = {"formation": ("formation", False), "atelier": ("atelier", False), "accompagnement": ("permanence", True),
             "information": ("evenement", True), "aide-materielle": ("materiel", False)}


def _read(path: Path) -> list[dict]:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SourceError(f"{path.name} : fichier trop gros")
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise SourceError(f"lecture impossible de {path.name} ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"{path.name} n'est pas un fichier JSON UTF-8 lisible ({exc})") from exc
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise SourceError(f"{path.name} : une liste d'enregistrements data·inclusion est attendue")
    return data


def convert_files(paths: list[Path], source: str | None, today: dt.date) -> tuple[list[Bundle], ImportReport]:
    """`structures.json` and (optionally) `services.json`, told apart by their records."""
    structures, services = [], []
    for path in paths:
        records = _read(path)
        (services if any("structure_id" in r for r in records) else structures).extend(records)
    if not structures:
        raise SourceError("aucun fichier de structures data·inclusion (structures.json) parmi les fichiers donnés")
    bundles, report = convert(structures, services, today, source)
    report.source = " + ".join(p.name for p in paths)
    return bundles, report


def _text(record: dict, key: str) -> str:
    value = record.get(key)
    return value.strip() if isinstance(value, str) else ""


def _place(record: dict, where: str, report: ImportReport, venue_id: str, source: dict) -> dict | None:
    """A venue at the record's address, or None when it has none usable."""
    if len(_text(record, "adresse")) < 3:
        return None
    place = communes.resolve(_text(record, "code_insee"), _text(record, "code_postal"), _text(record, "commune"))
    if place.commune is None:
        report.note(where, "adresse non reprise : commune introuvable ou ambiguë", place.problem)
        return None
    for n in place.notes:
        report.note(where, "commune corrigée", n)
    lat = record.get("latitude")
    lon = record.get("longitude")
    coords, kind, detail = mapping.coordinates("" if lat is None else str(lat), "" if lon is None else str(lon), place.commune)
    todo = ["accessibilite.pmr"]
    if coords is None:  # neither the point nor the commune's centre (some overseas collectivities)
        todo.append("coordonnees")
        report.note(where, "coordonnées absentes et commune sans centre connu : à compléter")
    if kind:
        report.note(where, kind, detail or "")
    lieu = {"id": venue_id, "nom": (_text(record, "nom") or place.commune.nom)[:150], "type": "locaux-propres",
            "adresse": _text(record, "adresse")[:200]}
    if _text(record, "complement_adresse"):
        lieu["complement_adresse"] = _text(record, "complement_adresse")[:200]
    lieu.update({"code_postal": place.code_postal, "commune": place.commune.nom, "code_insee": place.commune.code})
    if coords:
        lieu["coordonnees"] = coords
    if _text(record, "accessibilite_lieu") and mapping.URL.fullmatch(_text(record, "accessibilite_lieu")):
        lieu["accessibilite"] = {"acceslibre": _text(record, "accessibilite_lieu")}
    _hours(lieu, _text(record, "horaires_accueil"), where, report)
    lieu["source"] = dict(source)
    return marks(lieu, todo, ["type"])


def _hours(doc: dict, text: str, where: str, report: ImportReport) -> None:
    if not text:
        return
    if schedule.syntax_error(text) is None:
        doc["horaires"] = text
    elif hours.to_osm(text):
        doc["horaires"], doc["horaires_texte"] = hours.to_osm(text), text[:1000]
    else:
        doc["horaires_texte"] = text[:1000]
        report.note(where, "horaires en texte libre gardés tels quels (pas de traduction sûre)", text)


def _contact(record: dict, insee: str | None, where: str, report: ImportReport) -> dict:
    out = {}
    tel = _text(record, "telephone")
    if tel:
        normal = phones.normalise(tel, insee)
        if normal:
            out["telephone"] = normal
        else:
            report.note(where, "téléphone illisible : non repris", tel)
    mail = _text(record, "courriel")
    if mail:
        if mapping.EMAIL.fullmatch(mail):
            out["courriel"] = mail
        else:
            report.note(where, "courriel illisible : non repris", mail)
    site = _text(record, "site_web")
    if site and mapping.URL.fullmatch(site):
        out["site_web"] = site
    return out


def _territory(zone, venues: list[dict], where: str, report: ImportReport) -> dict:
    communes_, epcis = {v["code_insee"] for v in venues}, set()
    for code in zone or ():
        if isinstance(code, str) and len(code) == 5 and code[:2].isalnum():
            communes_.add(code)
        elif isinstance(code, str) and len(code) == 9 and code.isdigit():
            epcis.add(code)
        else:
            report.note(where, "zone d'éligibilité (département ou région) non reprise : territoire à préciser", str(code))
    out = {}
    if communes_:
        out["communes"] = sorted(communes_)
    if epcis:
        out["epci"] = sorted(epcis)
    return out


def convert(structures: list[dict], services: list[dict], today: dt.date, source: str | None = None) -> tuple[list[Bundle], ImportReport]:
    report = ImportReport(rows=len(structures) + len(services))
    by_structure: dict[str, list[tuple[int, dict]]] = {}
    for i, svc in enumerate(services):
        by_structure.setdefault(_text(svc, "structure_id"), []).append((i, svc))
    bundles = []
    seen: set[str] = set()
    for i, rec in enumerate(structures):
        where = f"structure {i + 1}"
        sid, name = _text(rec, "id"), _text(rec, "nom")
        date_maj, problem = mapping.date(_text(rec, "date_maj"), today)
        problem = problem or ("identifiant absent" if not sid else f"identifiant « {sid} » en double" if sid in seen
                              else "nom absent ou trop court" if len(name) < 3 else None)
        if problem:
            report.reject(where, problem)
            for j, _ in by_structure.get(sid, ()):
                report.reject(f"service {j + 1}", "structure refusée")
            continue
        seen.add(sid)
        origin = {"nom": source or _text(rec, "source") or "data-inclusion", "id": sid}
        venue = _place(rec, where, report, slug(name) or "lieu", origin)
        insee = venue["code_insee"] if venue else None
        todo = []
        structure = {"nom": name[:150]}
        siret, _, bad = mapping.pivot(_text(rec, "siret"))
        if siret:
            structure["siret"] = siret
        elif bad:
            report.note(where, "SIRET non repris", bad)
        if len(_text(rec, "description")) >= 10:
            structure["description"] = _text(rec, "description")[:5000]
        else:
            todo.append("description")
        labels, _ = mapping.reverse("labels", "x-data-inclusion", rec.get("reseaux_porteurs") or [])
        if labels:
            structure["labels"] = labels
        contact = _contact(rec, insee, where, report)
        if contact:
            structure["contact"] = contact
        else:
            todo.append("contact")
        structure["date_maj"] = date_maj
        structure["source"] = origin
        todo = ["type"] + todo + ["mainteneurs"]
        bundle = Bundle(origin, slug(name) or "structure-importee", structure, [venue] if venue else [], [], [where])
        zones = []
        for j, svc in by_structure.get(sid, ()):
            offre = _service(svc, bundle, f"service {j + 1}", today, report, origin["nom"])
            if offre:
                zones += svc.get("zone_eligibilite") or []
        structure["territoire"] = _territory(zones, bundle.lieux, where, report)
        if not structure["territoire"]:
            structure.pop("territoire")
            todo.append("territoire")
        marks(structure, todo)
        report.missing(where, [f"structure.{t}" for t in todo])
        report.imported.append(where)
        bundles.append(bundle)
    known = {_text(r, "id") for r in structures}
    for i, svc in enumerate(services):
        if _text(svc, "structure_id") not in known:
            report.reject(f"service {i + 1}", f"structure « {_text(svc, 'structure_id')} » absente de structures.json")
    return bundles, report


def _codes(offre, todo, report, where, svc, field, unknown_note) -> None:
    """A list of data·inclusion values read back into our referential `field`; unknown values named in the
    report, an empty result left to complete (never invented)."""
    codes, unknown = mapping.reverse(field, f"x-data-inclusion-{field}", svc.get(field) or [])
    if unknown:
        report.note(where, unknown_note, ", ".join(unknown))
    if codes:
        offre[field] = codes
    else:
        todo.append(field)


def _service(svc: dict, bundle: Bundle, where: str, today, report: ImportReport, source_name: str) -> dict | None:
    name = _text(svc, "nom")
    date_maj, problem = mapping.date(_text(svc, "date_maj"), today)
    if problem or len(name) < 3 or not _text(svc, "id"):
        report.reject(where, problem or ("nom absent ou trop court" if len(name) < 3 else "identifiant absent"))
        return None
    todo, guess = [], []
    kind = _text(svc, "type")
    segment, guessed = _SEGMENTS.get(kind, ("permanence", True))
    if kind not in _SEGMENTS:
        report.note(where, "type de service sans équivalent : segment deviné", kind or "absent")
    if guessed:
        guess.append("segment")
    item = referentials.get("segments")[segment]
    description = _text(svc, "description")
    offre = {"nom": name[:150], "resume": (description.split("\n")[0][:280] if len(description) >= 10 else f"{item.label} : {name}."[:280])}
    if len(description) > len(offre["resume"]):
        offre["description"] = description[:5000]
    offre.update({"segment": segment, "configuration": item.get("x-configuration") or "spontanee"})
    _codes(offre, todo, report, where, svc, "thematiques", "thématiques hors médiation numérique : non reprises")
    _codes(offre, todo, report, where, svc, "publics", "publics sans équivalent : non repris")
    if _text(svc, "publics_precisions"):
        offre["publics_precisions"] = _text(svc, "publics_precisions")[:500]
    venue = _place(svc, where, report, slug(name) or "lieu", {"nom": source_name, "id": _text(svc, "id")})
    if venue and bundle.lieux and all(venue["adresse"] != v["adresse"] or venue["code_insee"] != v["code_insee"] for v in bundle.lieux):
        taken = {v["id"] for v in bundle.lieux}
        while venue["id"] in taken:
            venue["id"] += "-2"
        venue["a_verifier"].append("nom")  # a service's address has no name of its own: the service's stands in
        bundle.lieux.append(venue)
        offre["lieux"] = [venue["id"]]
    elif bundle.lieux and "en-presentiel" in (svc.get("modes_accueil") or ["en-presentiel"]):
        offre["lieux"] = [bundle.lieux[0]["id"]]
    elif venue:
        bundle.lieux.append(venue)
        offre["lieux"] = [venue["id"]]
    if "a-distance" in (svc.get("modes_accueil") or []):
        offre["a_distance"] = True
    if not offre.get("lieux") and not offre.get("a_distance"):
        todo.append("lieux")
    _hours(offre, _text(svc, "horaires_accueil"), where, report)
    if offre["configuration"] == "spontanee" and "horaires" not in offre:
        todo.append("horaires")
    modes, _ = mapping.reverse("modalites-acces", "x-data-inclusion", svc.get("modes_mobilisation") or [])
    if modes:
        offre["inscription"] = {"obligatoire": "se-presenter" not in modes, "modalites": modes}
        if _text(svc, "lien_mobilisation") and mapping.URL.fullmatch(_text(svc, "lien_mobilisation")):
            offre["inscription"]["lien"] = _text(svc, "lien_mobilisation")
        if _text(svc, "mobilisation_precisions"):
            offre["inscription"]["details"] = _text(svc, "mobilisation_precisions")[:500]
        guess.append("inscription.obligatoire")
    else:
        todo.append("inscription")
    frais, _ = mapping.reverse("frais", "x-data-inclusion", [svc["frais"]] if isinstance(svc.get("frais"), str) else [])
    if frais:
        offre["frais"] = {"type": frais[0]}
        if _text(svc, "frais_precisions"):
            offre["frais"]["details"] = _text(svc, "frais_precisions")[:300]
    else:
        todo.append("frais")
    contact = _contact(svc, (venue or {}).get("code_insee"), where, report)
    if contact:
        offre["contact"] = contact
    offre["date_maj"] = date_maj
    offre["source"] = {"nom": source_name, "id": _text(svc, "id")}
    marks(offre, todo, guess)
    report.missing(where, [f"offre.{t}" for t in todo])
    report.guessed(where, [f"offre.{g}" for g in guess])
    report.imported.append(where)
    bundle.offres.append((slug(name, 55) or segment, offre))
    bundle.rows.append(where)
    return offre
