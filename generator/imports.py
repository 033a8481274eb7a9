"""`annuaire import mednum FICHIER.csv`: bootstrap structure folders from a file in the national
« Lieux de médiation numérique » standard.

Each row becomes one structure, one venue and one spontaneous offer, written as commented YAML
that validates as is; what the national format cannot tell us is flagged « # À compléter » and
every doubtful value is explained in a comment and on stderr. The mappings are the referentials'
`x-…` keys read backwards, so import and export stay inverse of each other.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path

from . import geography, referentials, schedule
from .directory import ID_RE, reference_date
from .exports import mednum
from .geography import in_france
from .validation.structure import siret_ok

REQUIRED = ("nom", "adresse", "code_postal", "commune")
VENUE_ID = "principal"
OFFER_ID = "accueil"
PHONE = re.compile(r"^\+33[1-9][0-9]{8}$")
EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[a-z]{2,}$")
URL = re.compile(r"^https?://[^\s<>\"]+$")
# Farther than this from the commune's centre, imported coordinates are taken as wrong.
MAX_DISTANCE_KM = 30


class Row:
    """One CSV row and the notes (doubts, missing data) gathered while converting it."""

    def __init__(self, number: int, values: dict):
        self.number = number
        self.values = {k.strip(): (v or "").strip() for k, v in values.items() if k}
        self.notes: list[str] = []

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    def many(self, key: str) -> list[str]:
        return [v.strip() for v in self.get(key).split(mednum.SEPARATOR) if v.strip()]

    def note(self, text: str) -> str:
        self.notes.append(text)
        return text


def q(value) -> str:
    """A YAML scalar: JSON strings are valid YAML and escape everything that needs it."""
    return json.dumps(value, ensure_ascii=False)


def comment(text: str) -> str:
    return "  # " + " ".join(text.split()) if text else ""


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:50].strip("-")


def reverse(name: str, key: str, values: list[str]) -> tuple[list[str], list[str]]:
    """Our codes for national `values` (first code of the referential for each), and the values we cannot map."""
    codes, unknown = [], []
    for value in values:
        match = next((i.code for i in referentials.get(name).items if i.get(key) == value), None)
        if match is None:
            unknown.append(value)
        elif match not in codes:
            codes.append(match)
    return codes, unknown


def reverse_all(name: str, key: str, values: list[str]) -> tuple[list[str], list[str]]:
    """Every code mapped to one of `values` (e.g. « Familles et/ou enfants » is both enfants and familles)."""
    codes = [i.code for i in referentials.get(name).items if i.get(key) in values]
    mapped = {referentials.get(name)[c].get(key) for c in codes}
    return codes, [v for v in values if v not in mapped]


def place(row: Row) -> dict | None:
    """Commune, postcode and INSEE code made coherent with the official geography."""
    insee, cp, name = row.get("code_insee"), row.get("code_postal"), row.get("commune")
    commune = geography.commune(insee) if insee else None
    notes = {}
    if commune is None:
        candidates = geography.communes_by_postcode(cp)
        commune = next((c for c in candidates if geography.same_name(c.nom, name)), candidates[0] if candidates else None)
        if commune is None:
            row.note(f"commune introuvable (code INSEE « {insee} », code postal « {cp} ») : ligne ignorée")
            return None
        notes["code_insee"] = row.note(f"code INSEE {'absent' if not insee else f'inconnu ({insee})'} : déduit du code postal et du nom de la commune")
    if cp not in commune.codes_postaux:
        notes["code_postal"] = row.note(f"code postal « {cp} » différent de ceux de {commune.nom} : remplacé par {commune.codes_postaux[0]}")
        cp = commune.codes_postaux[0]
    if not geography.same_name(name, commune.nom):
        notes["commune"] = row.note(f"commune « {name} » ne correspond pas au code INSEE {commune.code} : nom officiel « {commune.nom} » retenu")
    return {"commune": commune, "code_postal": cp, "notes": notes}


def coordinates(row: Row, commune) -> tuple[float, float, str] | None:
    try:
        lat, lon = float(row.get("latitude").replace(",", ".")), float(row.get("longitude").replace(",", "."))
    except ValueError:
        lat = lon = None
    centre = (commune.latitude, commune.longitude) if commune.latitude is not None else None
    if lat is None or not in_france(lat, lon):
        if lat is not None and in_france(lon, lat):
            return lon, lat, row.note("latitude et longitude inversées dans le fichier : remises dans l'ordre")
        if centre:
            return *centre, row.note(f"coordonnées absentes ou hors de France : centre de {commune.nom} retenu, à préciser")
        row.note("coordonnées absentes ou hors de France, et centre de la commune inconnu : ligne ignorée")
        return None
    if centre:
        distance = geography.distance_km(lat, lon, *centre)
        if distance > MAX_DISTANCE_KM:
            return *centre, row.note(f"coordonnées ({lat}, {lon}) à {distance:.0f} km de {commune.nom} : centre de la commune retenu, à préciser")
        return lat, lon, ""
    # Without commune centres in the geography data, the disagreement cannot be measured here:
    # the values are kept (they validate) and flagged for a human to check.
    return lat, lon, row.note(f"coordonnées ({lat}, {lon}) reprises du fichier sans pouvoir les comparer à {commune.nom} : "
                              "vérifiez-les sur openstreetmap.org")


def phone(value: str) -> str | None:
    digits = re.sub(r"[\s.\-()]", "", value)
    if re.fullmatch(r"0[1-9][0-9]{8}", digits):
        digits = "+33" + digits[1:]
    return digits if PHONE.match(digits) else None


def structure_yaml(row: Row, sid: str, place_info: dict, date_maj: str, date_note: str) -> str:
    commune = place_info["commune"]
    nom = row.get("nom")
    types, other_types = reverse("types-structures", "x-mednum-typologie", row.many("typologie"))
    labels, other_labels = reverse("labels", "x-mednum", row.many("dispositif_programmes_nationaux"))
    description = row.get("presentation_detail") or row.get("presentation_resume")
    lines = ["# yaml-language-server: $schema=../../schema/structure.schema.json",
             f"# Importé de la ligne {row.number} du fichier au standard « Lieux de médiation numérique » (id « {' '.join(row.get('id').split())} »).",
             "# Relisez chaque valeur, complétez ce qui est signalé, puis lancez « annuaire validate ».",
             f"nom: {q(nom)}"]
    if types:
        lines.append(f"type: {types[0]}" + comment(f"typologie nationale : {', '.join(row.many('typologie'))}"))
    else:
        # The one type without a national equivalent is the catch-all ("autre").
        default = next(i.code for i in referentials.get("types-structures").items if i.get("x-mednum-typologie") is None)
        lines.append(f"type: {default}" + comment(f"À compléter : typologie « {row.get('typologie') or 'absente'} » sans équivalent "
                                                  "(voir schema/referentiels/types-structures.json)"))
    pivot = row.get("pivot")
    if re.fullmatch(r"[0-9]{14}", pivot) and siret_ok(pivot) and pivot != mednum.UNKNOWN_PIVOT:
        lines.append(f"siret: {q(pivot)}")
    elif pivot and pivot != mednum.UNKNOWN_PIVOT:
        lines.append(comment(f"À compléter : identifiant « {pivot} » du fichier qui n'est pas un SIRET valide ; ajoutez siret: \"…\"").strip())
    if len(description) >= 10:
        lines.append(f"description: {q(description)}")
    else:
        lines.append(f"description: {q(f'Structure de médiation numérique à {commune.nom}.')}" + comment("À compléter : présentation absente du fichier"))
    lines += ["territoire:", f"  communes: [{q(commune.code)}]" + comment(f"{commune.nom} ; À compléter : autres communes ou intercommunalités desservies")]
    note = f"non repris (sans équivalent) : {', '.join(other_labels)}" if other_labels else ""
    lines.append(f"labels: [{', '.join(labels)}]" + comment(note))
    trainings = row.many("formations_labels") + row.many("autres_formations_labels")
    if trainings:
        lines.append(comment(f"Formations et labels du fichier, sans équivalent ici : {', '.join(trainings)}").strip())
    lines.append("contact:")
    contact_lines = []
    tel = phone(row.get("telephone")) if row.get("telephone") else None
    if tel:
        contact_lines.append(f"  telephone: {q(tel)}")
    elif row.get("telephone"):
        contact_lines.append("  " + comment(f"À compléter : téléphone « {row.get('telephone')} » illisible, format +33 suivi de 9 chiffres").strip())
    emails = [e for e in row.many("courriels") if EMAIL.match(e)]
    if emails:
        contact_lines.append(f"  courriel: {q(emails[0])}" + comment(f"autres adresses : {', '.join(emails[1:])}" if emails[1:] else ""))
    sites = [u for u in row.many("site_web") if URL.match(u)]
    if sites:
        contact_lines.append(f"  site_web: {q(sites[0])}" + comment(f"autres liens : {', '.join(sites[1:])}" if sites[1:] else ""))
    if not (tel or emails or sites):
        lines[-1] = "contact: {}" + comment("À compléter : téléphone, courriel ou site web")
    lines += contact_lines
    lines.append(f"mainteneurs: [{q(sid[:39].strip('-'))}]" + comment("À compléter : identifiants sur la forge des personnes qui tiendront la fiche à jour"))
    lines.append(f"date_maj: {q(date_maj)}" + comment(date_note))
    return "\n".join(lines) + "\n"


def lieux_yaml(row: Row, place_info: dict, coords: tuple) -> str:
    commune = place_info["commune"]
    notes = place_info["notes"]
    lat, lon, coord_note = coords
    type_default = referentials.get("types-lieux").codes[0]
    lines = ["# yaml-language-server: $schema=../../schema/lieux.schema.json",
             "# Le lieu décrit par la ligne importée. Les offres le citent par son identifiant.",
             "lieux:",
             f"  - id: {VENUE_ID}",
             f"    nom: {q(row.get('nom'))}",
             f"    type: {type_default}" + comment("À vérifier : le standard national ne dit pas le type de lieu (voir schema/referentiels/types-lieux.json)"),
             f"    adresse: {q(row.get('adresse'))}"]
    if row.get("complement_adresse"):
        lines.append(f"    complement_adresse: {q(row.get('complement_adresse'))}")
    lines += [f"    code_postal: {q(place_info['code_postal'])}" + comment(notes.get("code_postal", "")),
              f"    commune: {q(commune.nom)}" + comment(notes.get("commune", "")),
              f"    code_insee: {q(commune.code)}" + comment(notes.get("code_insee", "")),
              f"    coordonnees: {{latitude: {lat}, longitude: {lon}}}" + comment(coord_note)]
    acceslibre = row.get("fiche_acces_libre")
    lines.append("    " + comment("À compléter : accessibilite: {pmr: true ou false"
                                   + (f", acceslibre: {acceslibre}" if URL.match(acceslibre) else "") + "}").strip())
    hours = row.get("horaires")
    if hours and schedule.syntax_error(hours) is None:
        lines.append(f"    horaires: {q(hours)}")
    return "\n".join(lines) + "\n"


def _spontaneous_segment(row: Row) -> tuple[str, str]:
    spontaneous = [i for i in referentials.get("segments").items if i.get("x-configuration") == "spontanee"]
    for value in row.many("modalites_accompagnement"):
        for item in spontaneous:
            if item.get("x-mednum-accompagnement") == value:
                return item.code, f"d'après « {value} »"
    return spontaneous[0].code, "À vérifier : segment choisi par défaut"


def offre_yaml(row: Row, date_maj: str, date_note: str) -> str:
    segment, segment_note = _spontaneous_segment(row)
    seg_label = referentials.label("segments", segment)
    themes, unknown_services = reverse("thematiques", "x-mednum-service", row.many("services"))
    publics, unknown_publics = reverse_all("publics", "x-mednum-public", row.many("publics_specifiquement_adresses"))
    prises, unknown_prises = reverse("prises-en-charge", "x-mednum", row.many("prise_en_charge_specifique"))
    frais, _ = reverse("frais", "x-mednum", row.many("frais_a_charge"))
    modalites, _ = reverse("modalites-acces", "x-mednum", row.many("modalites_acces"))
    name = f"{seg_label} – {row.get('nom')}"
    resume = row.get("presentation_resume")
    if len(resume) < 10:
        resume = f"{seg_label} proposé par {row.get('nom')}."
    lines = ["# yaml-language-server: $schema=../../../schema/offre.schema.json",
             "# Offre créée à l'import : le standard national décrit des lieux, pas des offres. Précisez-la ou remplacez-la",
             "# par vos vraies offres (une par fichier : ateliers, formations, permanences…).",
             f"nom: {q(name[:150])}",
             f"resume: {q(resume[:280])}",
             f"segment: {segment}" + comment(segment_note),
             "configuration: spontanee"]
    if themes:
        lines.append(f"thematiques: [{', '.join(themes)}]" + comment(
            "d'après les services nationaux ; précisez (voir schema/referentiels/thematiques.json)"
            + (f" ; non repris : {', '.join(unknown_services)}" if unknown_services else "")))
    else:
        lines.append(f"thematiques: [{referentials.get('thematiques').codes[0]}]" + comment("À compléter : aucun service dans le fichier"))
    if publics:
        lines.append(f"publics: [{', '.join(publics)}]" + comment(f"non repris : {', '.join(unknown_publics)}" if unknown_publics else ""))
    else:
        lines.append(f"publics: [{referentials.get('publics').codes[0]}]" + comment("À vérifier : aucun public spécifique dans le fichier"))
    if prises:
        lines.append(f"prises_en_charge: [{', '.join(prises)}]" + comment(f"non repris : {', '.join(unknown_prises)}" if unknown_prises else ""))
    lines.append(f"lieux: [{VENUE_ID}]")
    if mednum.REMOTE in row.many("modalites_accompagnement"):
        lines.append("a_distance: true")
    if mednum.ITINERANT in row.many("itinerance"):
        lines.append("itinerant: true")
    hours = row.get("horaires")
    if hours and schedule.syntax_error(hours) is None:
        lines.append(f"horaires: {q(hours)}")
    else:
        row.note(f"horaires {'absents' if not hours else f'illisibles ({hours})'} : offre marquée fermée (« off ») en attendant")
        lines.append('horaires: "off"' + comment(f"À compléter : horaires {'absents' if not hours else 'illisibles : ' + hours} (format OpenStreetMap)"))
    self_service = referentials.get("modalites-acces").codes[0]
    lines += ["inscription:",
              f"  obligatoire: {'false' if not modalites or self_service in modalites else 'true'}" + comment("À vérifier"),
              f"  modalites: [{', '.join(modalites or [self_service])}]" + comment("" if modalites else "À vérifier : aucune modalité dans le fichier")]
    if URL.match(row.get("prise_rdv")):
        lines.append(f"  lien: {q(row.get('prise_rdv'))}")
    lines.append("frais:")
    if frais:
        lines.append(f"  type: {frais[0]}")
        others = row.many("frais_a_charge")[1:]
        if others:
            lines.append(f"  details: {q('Selon les cas : ' + ', '.join(row.many('frais_a_charge')).lower())}" + comment("À préciser"))
    else:
        lines.append(f"  type: {referentials.get('frais').codes[0]}" + comment("À vérifier : frais absents du fichier"))
    lines.append(f"date_maj: {q(date_maj)}" + comment(date_note))
    return "\n".join(lines) + "\n"


def _date(row: Row, today: dt.date) -> tuple[str, str]:
    try:
        day = dt.date.fromisoformat(row.get("date_maj"))
    except ValueError:
        row.note(f"date de mise à jour « {row.get('date_maj')} » illisible : date du jour retenue")
        return today.isoformat(), "À vérifier : date absente du fichier importé"
    if day > today:
        row.note(f"date de mise à jour {day} dans le futur : date du jour retenue")
        return today.isoformat(), f"date du fichier ({day}) dans le futur"
    return day.isoformat(), "date de mise à jour du fichier importé"


def _unique_id(base: str, out: Path, taken: set[str]) -> str:
    base = base if ID_RE.fullmatch(base) and len(base) >= 2 else "structure-importee"
    candidate, n = base, 1
    while candidate in taken or (out / candidate).exists():
        n += 1
        candidate = f"{base[:55]}-{n}"
    taken.add(candidate)
    return candidate


def convert(row: Row, out: Path, taken: set[str], today: dt.date) -> str | None:
    """Write the folder for one row; returns its id, or None when the row cannot be used."""
    missing = [k for k in REQUIRED if not row.get(k)]
    if missing:
        row.note(f"colonne(s) obligatoire(s) vide(s) : {', '.join(missing)} : ligne ignorée")
        return None
    if len(row.get("nom")) < 3:
        row.note(f"nom « {row.get('nom')} » trop court : ligne ignorée")
        return None
    place_info = place(row)
    if place_info is None:
        return None
    coords = coordinates(row, place_info["commune"])
    if coords is None:
        return None
    sid = _unique_id(slug(row.get("nom")), out, taken)
    date_maj, date_note = _date(row, today)
    folder = out / sid
    (folder / "offres").mkdir(parents=True)
    (folder / "structure.yml").write_text(structure_yaml(row, sid, place_info, date_maj, date_note), encoding="utf-8")
    (folder / "lieux.yml").write_text(lieux_yaml(row, place_info, coords), encoding="utf-8")
    (folder / "offres" / f"{OFFER_ID}.yml").write_text(offre_yaml(row, date_maj, date_note), encoding="utf-8")
    return sid


def import_mednum(args) -> int:
    source, out = Path(args.fichier), Path(args.out)
    try:
        text = source.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        print(f"erreur : lecture impossible de {source} ({exc.strerror or exc})", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"erreur : {source} n'est pas encodé en UTF-8 (réenregistrez-le en « CSV UTF-8 »)", file=sys.stderr)
        return 2
    try:
        sample = text[:4096]
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
        reader = csv.DictReader(text.splitlines(), dialect=dialect)
        header = reader.fieldnames or []
        rows = [Row(i + 2, r) for i, r in enumerate(reader)]
    except csv.Error as exc:
        print(f"erreur : fichier CSV illisible ({exc})", file=sys.stderr)
        return 2
    absent = [c for c in REQUIRED if c not in [h.strip() for h in header]]
    if absent:
        print(f"erreur : colonnes absentes de {source.name} : {', '.join(absent)} "
              "(attendu : un fichier au standard « Lieux de médiation numérique »)", file=sys.stderr)
        return 2
    if out.exists() and not out.is_dir():
        print(f"erreur : {out} existe et n'est pas un dossier", file=sys.stderr)
        return 2
    today, taken, created, skipped = reference_date(), set(), [], 0
    for row in rows:
        try:
            sid = convert(row, out, taken, today)
        except OSError as exc:
            row.note(f"écriture impossible ({exc.strerror or exc})")
            sid = None
        for note in row.notes:
            print(f"{source.name}:{row.number}: {note}", file=sys.stderr)
        if sid:
            created.append(sid)
        else:
            skipped += 1
    print(f"{len(created)} structure(s) créée(s) dans {out}/ : {', '.join(created) or 'aucune'}"
          + (f" ; {skipped} ligne(s) ignorée(s)" if skipped else "") + ".", file=sys.stderr)
    if created:
        print(f"Complétez les valeurs signalées « À compléter » puis vérifiez avec : annuaire validate {out}", file=sys.stderr)
    return 0 if not skipped and created else 1
