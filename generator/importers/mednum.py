"""The national « Lieux de médiation numérique » standard (v1.0.2): each row is a place.

A row becomes a venue of a structure (the row's own structure, or the one named by
`structure_parente`, whose places then become venues of one structure) and one offer per
`modalites_accompagnement` value (atelier collectif → atelier, accompagnement individuel →
permanence, en autonomie → accès libre; none given → one offer whose segment is a guess to check).
What the row does not say stays absent and is listed in `a_completer`.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from .. import phones, referentials, schedule
from .. import french_hours as hours
from . import communes, csv_reading, mapping, mednum_offers
from .bundle import Bundle, marks, slug
from .csv_reading import SourceError, SourceRow
from .report import ImportReport

REQUIRED_COLUMNS = ("id", "nom", "commune", "code_postal", "adresse", "date_maj")


def missing_columns(header) -> list[str]:
    return [c for c in REQUIRED_COLUMNS if c not in header]


def convert_files(paths: list[Path], source: str | None, today: dt.date) -> tuple[list[Bundle], ImportReport]:
    """Read one CSV file of the standard and convert it; the source's name is the `--source`
    option, else the file's `source` column when it has one value, else the file name."""
    if len(paths) != 1:
        raise SourceError("le format mednum se lit dans un seul fichier CSV")
    table = csv_reading.read(paths[0])
    absent = missing_columns(table.header)
    if absent:
        raise SourceError(f"colonnes absentes de {paths[0].name} : {', '.join(absent)} "
                          "(attendu : un fichier au standard « Lieux de médiation numérique »)")
    names = {r.get("source") for r in table.rows if r.get("source")}
    name = source or (names.pop() if len(names) == 1 else paths[0].stem)
    bundles, report = convert(list(table.rows), name, today)
    report.source = paths[0].name
    report.file_notes += [f"encodage {table.encoding}, séparateur « {table.delimiter} »"] if table.encoding != "UTF-8" \
        or table.delimiter != "," else []
    report.file_notes += list(table.header_notes)
    return bundles, report


def convert(rows: list[SourceRow], source_name: str, today: dt.date) -> tuple[list[Bundle], ImportReport]:
    report = ImportReport(source=source_name, rows=len(rows))
    bundles: dict[str, Bundle] = {}
    seen_ids: dict[str, str] = {}
    usable = []
    for row in rows:
        where = row.where()
        problem = _refusal(row, seen_ids, today)
        if problem:
            report.reject(where, problem)
            continue
        seen_ids[row.get("id")] = where
        usable.append(row)
    by_id = {row.get("id"): row for row in usable}
    # Rows are grouped under one structure when their parent is another row of the file, or
    # when several rows name the same parent; a lone row keeps its own structure (and its
    # `structure_parente` text, given back by the export).
    named = Counter(p for row in usable if (p := _parent_key(row)))
    parents = {p for p, n in named.items() if p in by_id or n > 1}
    for row in usable:
        place = communes.resolve(row.get("code_insee"), row.get("code_postal"), row.get("commune"))
        if place.commune is None:
            report.reject(row.where(), place.problem)
            continue
        bundle, describing = _bundle_for(row, by_id, parents, source_name, bundles)
        _add_row(bundle, row, place, source_name, today, report, describing)
        report.imported.append(row.where())
    return list(bundles.values()), report


def _refusal(row: SourceRow, seen: dict, today: dt.date) -> str | None:
    if row.get("__en_trop__"):
        return "plus de cellules que de colonnes (guillemets mal fermés ?)"
    if not row.get("id"):
        return "identifiant (id) absent : la ligne ne pourrait pas être retrouvée au prochain import"
    if row.get("id") in seen:
        return f"identifiant « {row.get('id')} » déjà utilisé ({seen[row.get('id')]})"
    if len(row.get("nom")) < 3:
        return "nom absent ou trop court"
    if len(row.get("adresse")) < 3:
        return "adresse absente"
    _, problem = mapping.date(row.get("date_maj"), today)
    return problem


def _parent_key(row: SourceRow) -> str | None:
    parent = " ".join(row.get("structure_parente").split())
    return parent if parent and parent != row.get("id") else None


def _bundle_for(row: SourceRow, by_id: dict, parents: set, source_name: str, bundles: dict) -> tuple[Bundle, bool]:
    """The structure a row belongs to, and whether the row describes that structure itself (its
    own row, or the parent's row when other rows name it in `structure_parente`)."""
    parent = row.get("id") if row.get("id") in parents else (_parent_key(row) if _parent_key(row) in parents else None)
    key = f"parent:{parent}" if parent else f"lieu:{row.get('id')}"
    head = by_id.get(parent) if parent else row
    if key not in bundles:
        name = head.get("nom") if head else (parent if not parent.isdigit() else row.get("nom"))
        bundles[key] = Bundle({"nom": source_name, "id": parent or row.get("id")}, slug(name) or "structure-importee",
                              {"nom": name[:150]})
    return bundles[key], head is row


def _structure_fields(bundle: Bundle, row: SourceRow, place, today, report, contact, where, describing) -> None:
    """The structure's identity card, from the row that describes it (its own row, or the
    parent's row when `structure_parente` names another row of the file). A parent named only
    by its children keeps its name; what it is, says and how to reach it are to complete."""
    s = bundle.structure
    if "source" in s and not describing:
        s["territoire"]["communes"] = sorted(set(s["territoire"]["communes"]) | {place.commune.code})
        return
    communes = set(s.get("territoire", {}).get("communes", ())) | {place.commune.code}
    for key in ("type", "typologie", "siret", "rna", "description", "labels", "autres_labels", "contact", "a_completer", "a_verifier"):
        s.pop(key, None)
    todo, guess = [], []
    s["source"] = dict(bundle.source)
    if not describing:
        s["territoire"] = {"communes": sorted(communes)}
        s["date_maj"] = mapping.date(row.get("date_maj"), today)[0]
        todo = ["type", "description", "contact", "mainteneurs"]
        siret, rna, _ = mapping.pivot(bundle.source["id"])
        if siret or rna:  # the parent named by its SIRET: that is its identity; its name is a child's, to check
            s.update({"siret": siret} if siret else {"rna": rna})
            guess.append("nom")
        marks(s, todo, guess)
        report.missing(where, [f"structure.{t}" for t in todo])
        return
    official, legacy, unknown = _typologies(row)
    if legacy:
        report.note(where, "typologie « FS » lue comme « RFS » (Réseau France Services, seul code officiel)")
    if unknown:
        report.note(where, "typologie hors liste officielle : non reprise", ", ".join(unknown))
    types = [i.code for code in official for i in referentials.get("types-structures").items
             if referentials.get("typologies")[code].get("x-mednum-typologie") in (i.get("x-typologies") or ())]
    if types:
        s["type"] = types[0]
    else:
        todo.append("type")
    if official:
        s["typologie"] = official
    siret, rna, problem = mapping.pivot(row.get("pivot"))
    if problem:
        report.note(where, "pivot non repris", problem)
    if siret:
        s["siret"] = siret
    if rna:
        s["rna"] = rna
    description = row.get("presentation_detail") or row.get("presentation_resume")
    if len(description) >= 10:
        s["description"] = description[:5000]
    else:
        todo.append("description")
    s["territoire"] = {"communes": sorted(communes)}
    labels, others = _labels(row)
    if labels:
        s["labels"] = labels
    if others:
        s["autres_labels"] = others
    if contact:
        s["contact"] = contact
    else:
        todo.append("contact")
    todo.append("mainteneurs")
    s["date_maj"] = mapping.date(row.get("date_maj"), today)[0]
    marks(s, todo, guess)
    report.missing(where, [f"structure.{t}" for t in todo])


def _typologies(row: SourceRow) -> tuple[list[str], bool, list[str]]:
    by_official = {i.get("x-mednum-typologie").casefold(): i.code for i in referentials.get("typologies").items}
    codes, legacy, unknown = [], False, []
    for value in mapping.split(row.get("typologie"), "|;,"):
        if value.upper() == "FS":
            value, legacy = "RFS", True
        code = by_official.get(value.casefold())
        if code is None:
            unknown.append(value)
        elif code not in codes:
            codes.append(code)
    return codes, legacy, unknown


def _labels(row: SourceRow) -> tuple[list[str], list[str]]:
    ref = referentials.get("labels")
    national, _ = mapping.reverse("labels", "x-mednum", mapping.split(row.get("dispositif_programmes_nationaux")))
    trainings, _ = mapping.reverse("labels", "x-mednum-formation", mapping.split(row.get("formations_labels")))
    others, free = [], []
    for value in mapping.split(row.get("autres_formations_labels")):
        item = next((i for i in ref.items if i.label.casefold() == value.casefold()), None)
        (others.append(item.code) if item else free.append(value))
    codes = [c for c in ref.codes if c in set(national + trainings + others)]
    return codes, free


def _contacts(row: SourceRow, insee: str, report: ImportReport, where: str) -> tuple[dict, dict]:
    """(venue contact, structure contact): the first e-mail and website go to the venue, a second
    one to the structure, so that the national export gives both back in the same order."""
    tel_text = row.get("telephone")
    tel = phones.normalise(tel_text, insee) if tel_text else None
    if tel_text and not tel:
        report.note(where, "téléphone illisible : non repris", tel_text)
    elif tel and tel != tel_text:
        report.note(where, "téléphone réécrit au format international", f"{tel_text} → {tel}")
    mails = mapping.split(row.get("courriels"), "|;,")
    good_mails = [m for m in mails if mapping.EMAIL.fullmatch(m)]
    sites = mapping.split(row.get("site_web"), "| ")
    good_sites = [u for u in sites if mapping.URL.fullmatch(u)]
    for bad in [m for m in mails if m not in good_mails] + [u for u in sites if u not in good_sites]:
        report.note(where, "courriel ou site illisible : non repris", bad)
    if len(good_mails) > 2 or len(good_sites) > 2:
        report.note(where, "plus de deux courriels ou sites : les suivants non repris",
                    ", ".join(good_mails[2:] + good_sites[2:]))
    venue = {k: v for k, v in (("telephone", tel), ("courriel", good_mails[:1]), ("site_web", good_sites[:1])) if v}
    venue = {k: (v[0] if isinstance(v, list) else v) for k, v in venue.items()}
    structure = dict(venue)
    if len(good_mails) > 1:
        structure["courriel"] = good_mails[1]
    if len(good_sites) > 1:
        structure["site_web"] = good_sites[1]
    return venue, structure


def _venue(row, place, source_name, report, where, contact, bundle_is_group) -> tuple[dict, list, list]:
    todo, guess = [], []
    lieu = {"id": slug(row.get("nom")) or "lieu", "nom": row.get("nom")[:150]}
    if row.get("presentation_resume"):
        lieu["resume"] = row.get("presentation_resume")[:280]
    if row.get("presentation_detail"):
        lieu["description"] = row.get("presentation_detail")[:5000]
    lieu["type"] = _venue_type(row)
    guess.append("type")
    if bundle_is_group:  # a place of a group keeps its own typology (a library of a town)
        official, _, _ = _typologies(row)
        if official:
            lieu["typologie"] = official
    # A place of a group keeps its own pivot (the structure carries the parent's).
    siret, rna, _ = mapping.pivot(row.get("pivot"))
    if _parent_key(row) and bundle_is_group and (siret or rna):
        lieu.update({"siret": siret} if siret else {"rna": rna})
    lieu["adresse"] = row.get("adresse")[:200]
    if row.get("complement_adresse"):
        lieu["complement_adresse"] = row.get("complement_adresse")[:200]
    c = place.commune
    lieu.update({"code_postal": place.code_postal, "commune": c.nom, "code_insee": c.code})
    for n in place.notes:
        report.note(where, "commune corrigée", n)
    coords, kind, detail = mapping.coordinates(row.get("latitude"), row.get("longitude"), c)
    if kind:
        report.note(where, kind, detail or "")
    if coords is None:  # neither the point nor the commune's centre (some overseas collectivities)
        todo.append("coordonnees")
        report.note(where, "coordonnées absentes et commune sans centre connu : à compléter")
    else:
        if coords.get("approchees") and not kind:
            report.note(where, "coordonnées absentes : centre de la commune, marqué « approchees »")
        lieu["coordonnees"] = coords
    acceslibre = row.get("fiche_acces_libre")
    if acceslibre and mapping.URL.fullmatch(acceslibre):
        lieu["accessibilite"] = {"acceslibre": acceslibre}
    todo.append("accessibilite.pmr")
    text = row.get("horaires")
    if text:
        if schedule.syntax_error(text) is None:
            lieu["horaires"] = text
        elif hours.to_osm(text):
            lieu["horaires"] = hours.to_osm(text)
            lieu["horaires_texte"] = text[:1000]
            report.note(where, "horaires en texte traduits au format OpenStreetMap (texte gardé)", f"{text} → {lieu['horaires']}")
        else:
            lieu["horaires_texte"] = text[:1000]
            report.note(where, "horaires en texte libre gardés tels quels (pas de traduction sûre)", text)
    if contact:
        lieu["contact"] = contact
    lieu["source"] = {"nom": source_name, "id": row.get("id")}
    if row.get("structure_parente"):
        lieu["source"]["structure_parente"] = row.get("structure_parente")[:300]
    return lieu, todo, guess


def _venue_type(row: SourceRow) -> str:
    """The venue's kind from the typology when one matches (a library is a library), else the
    structure's own premises: a deduction, always listed in a_verifier."""
    by_typology = {"BIB": "bibliotheque", "RFS": "france-services", "FS": "france-services", "TIERS_LIEUX": "tiers-lieu",
                   "CCAS": "ccas", "MUNI": "mairie", "ML": "mission-locale", "MQ": "maison-de-quartier", "CS": "maison-de-quartier"}
    for value in mapping.split(row.get("typologie"), "|;,"):
        if value.upper() in by_typology:
            return by_typology[value.upper()]
    return "locaux-propres"


def _add_row(bundle: Bundle, row: SourceRow, place, source_name: str, today, report: ImportReport, describing: bool) -> None:
    where = row.where()
    venue_contact, structure_contact = _contacts(row, place.commune.code, report, where)
    _structure_fields(bundle, row, place, today, report, structure_contact, where, describing)
    lieu, todo, guess = _venue(row, place, source_name, report, where, venue_contact, not describing)
    taken = {v["id"] for v in bundle.lieux}
    base, n = lieu["id"], 1
    while lieu["id"] in taken:
        n += 1
        lieu["id"] = f"{base[:55]}-{n}"
    marks(lieu, todo, guess)
    report.missing(where, [f"lieu.{t}" for t in todo])
    report.guessed(where, [f"lieu.{g}" for g in guess])
    bundle.lieux.append(lieu)
    for name, offre in mednum_offers.offers(row, lieu, today, report, where):
        file_id = name if len(bundle.lieux) == 1 else f"{name}-{lieu['id']}"
        bundle.offres.append((file_id[:60].strip("-"), offre))
    bundle.rows.append(where)
