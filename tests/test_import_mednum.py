"""`annuaire import mednum`: a file in the shape of the national ones (every quirk the issue lists)
imports every usable row without inventing anything, round-trips through `annuaire export`
column by column, and a second import changes nothing."""
import csv
import io
import json
import shutil

import frictionless
import pytest

from generator import geography, phones
from generator import french_hours as hours
from generator.importers.csv_reading import decode, parse
from helpers import ROOT, STANDARDS, read_yaml, run_cli, validate_json

FIXTURE = ROOT / "tests" / "fixtures" / "import" / "lieux-mednum.csv"
EXAMPLE = STANDARDS / "mednum-lieux-v1.0.2" / "exemple-valide.csv"
DATE = {"ANNUAIRE_DATE": "2026-06-01"}


def _rows(path):
    text, _ = decode(path.read_bytes())
    return {r.get("id"): r.values for r in parse(text).rows}


def _import(src, out, *extra):
    proc = run_cli("import", "mednum", str(src), "--out", str(out), *extra, env=DATE)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    base = tmp_path_factory.mktemp("import")
    offers = base / "offers"
    proc = _import(FIXTURE, offers)
    out = base / "export"
    export = run_cli("export", str(offers), "--out", str(out), env=DATE)
    assert export.returncode == 0, export.stderr
    return {"offers": offers, "proc": proc, "export": out, "base": base}


def test_every_usable_row_is_imported_and_the_rest_refused_with_a_reason(imported):
    proc = imported["proc"]
    assert proc.returncode == 1  # three rows of the fixture are refused on purpose
    assert "11 ligne(s) lue(s), 8 importée(s), 3 refusée(s)" in proc.stderr
    assert "adresse absente : ligne(s) 10 (ligne 11 du fichier texte)" in proc.stderr
    # Ambiguity is never a silent guess: the candidates are listed.
    assert "« Longeville » ambiguë" in proc.stderr and "Longeville (25346), Pays-de-Montbenoît (25390)" in proc.stderr
    assert "commune introuvable : « Nulle-Part »" in proc.stderr
    code, result = validate_json(imported["offers"])
    assert code == 0 and result["summary"]["errors"] == 0, result["diagnostics"][:5]


def test_rows_without_coordinates_get_the_commune_centre_marked_approximate(imported):
    lieux = read_yaml(imported["offers"] / "france-services-de-saint-brieuc" / "lieux.yml")["lieux"]
    centre = geography.commune("22278")
    assert lieux[0]["coordonnees"] == {"latitude": centre.latitude, "longitude": centre.longitude, "approchees": True}
    code, result = validate_json(imported["offers"])
    assert any(d["code"] == "coordonnees-approchees" and "saint-brieuc" in d["file"] for d in result["diagnostics"])


def test_cedex_postcode_and_dirty_commune_resolve_by_name(imported):
    fs = read_yaml(imported["offers"] / "france-services-de-saint-brieuc" / "lieux.yml")["lieux"][0]
    assert (fs["code_insee"], fs["code_postal"], fs["commune"]) == ("22278", "22000", "Saint-Brieuc")
    grange = read_yaml(imported["offers"] / "agence-postale-la-grange" / "lieux.yml")["lieux"][0]
    assert (grange["code_insee"], grange["commune"]) == ("22278", "Saint-Brieuc")
    assert "CEDEX ou boîte postale" in imported["proc"].stderr


def test_quotes_newlines_and_commas_survive(imported):
    lieu = read_yaml(imported["offers"] / "agence-postale-la-grange" / "lieux.yml")["lieux"][0]
    assert lieu["nom"] == 'Agence Postale "La Grange"'
    assert lieu["complement_adresse"] == "Lieu-dit Roudy\nSaint-Angeau"
    assert lieu["adresse"] == "3, rue de la Gare"


def test_nothing_is_invented(imported):
    offers = imported["offers"]
    minimal = read_yaml(offers / "espace-numerique-de-mamoudzou" / "offres" / "acces-libre.yml")
    # No hours, price, registration or themes in the source: absent, and listed to complete.
    for key in ("horaires", "frais", "inscription", "thematiques"):
        assert key not in minimal and key in minimal["a_completer"]
    assert minimal["a_verifier"] == ["segment"]  # no modalites_accompagnement: a guess, marked
    structure = read_yaml(offers / "espace-numerique-de-mamoudzou" / "structure.yml")
    assert "type" not in structure and {"type", "description", "mainteneurs"} <= set(structure["a_completer"])
    atelier = read_yaml(offers / "agence-postale-la-grange" / "offres" / "atelier.yml")
    assert atelier["segment"] == "atelier" and atelier["configuration"] == "programmee"  # « Dans un atelier collectif »
    assert atelier["a_distance"] is True
    code, result = validate_json(offers)
    todo = [d for d in result["diagnostics"] if d["code"] == "a-completer" and "mamoudzou/offres" in d["file"]]
    assert {d["message"].rsplit("(", 1)[1].split(")")[0] for d in todo} == {"horaires", "frais", "inscription", "thematiques"}


def test_free_text_hours_are_translated_or_kept(imported):
    lieux = {l["nom"]: l for l in read_yaml(imported["offers"] / "ville-de-lannion" / "lieux.yml")["lieux"]}
    media = lieux["Médiathèque de Lannion"]
    assert (media["horaires"], media["horaires_texte"]) == ("We 14:00-15:30", "Mercredi de 14h à 15h30")
    gare = lieux["Point numérique de la gare"]
    assert "horaires" not in gare and gare["horaires_texte"] == "Le mardi matin, sur rendez-vous"


def test_structure_parente_groups_places_and_identity_is_kept(imported):
    folder = imported["offers"] / "ville-de-lannion"
    structure = read_yaml(folder / "structure.yml")
    assert structure["nom"] == "Ville de Lannion" and structure["source"] == {"nom": "Conseil départemental 22", "id": "Ville de Lannion"}
    lieux = read_yaml(folder / "lieux.yml")["lieux"]
    assert [l["source"]["id"] for l in lieux] == ["cd22-002", "cd22-003"]
    grange = read_yaml(imported["offers"] / "agence-postale-la-grange" / "structure.yml")
    assert grange["rna"] == "W223001234" and grange["type"] == "association" and grange["autres_labels"] == ["Label et la bête"]
    fs = read_yaml(imported["offers"] / "france-services-de-saint-brieuc" / "structure.yml")
    assert fs["type"] == "france-services" and fs["typologie"] == ["rfs"] and "france-services" in fs["labels"]


def test_overseas_phones_pass(imported):
    def tel(folder):
        return read_yaml(imported["offers"] / folder / "lieux.yml")["lieux"][0]["contact"]["telephone"]
    assert tel("case-numerique-du-butor") == "+262262123456"
    assert tel("espace-numerique-de-mamoudzou") == "+262269611234"
    assert tel("cyberbase-de-basse-terre") == "+590590811234"
    assert tel("espace-numerique-de-morlaix") == "+33298001234"


# Columns whose value comes back transformed, and how (docs/import.md lists the same rules).
def _same_set(a, b):
    return set(filter(None, a.split("|"))) == set(filter(None, b.split("|")))


def _commune(before, after, row):
    return geography.same_name(before.split("(")[0].replace("CEDEX 1", ""), after)


def _postcode(before, after, row):
    return after in geography.commune(row["code_insee"]).codes_postaux


def _coordinate(before, after, row):
    return after == "" or float(after) == float(before)


def _phone(before, after, row):
    return after == phones.normalise(before, row["code_insee"])


def _hours(before, after, row):
    return after == (before if hours.to_osm(before) is None and " " in before and before[:2].istitle() and ":" in before
                     else hours.to_osm(before) or "")


def _typologie(before, after, row):
    return _same_set(before.replace("FS", "RFS") if before == "FS" else before, after)


def _price(before, after, row):
    # Several prices for one place cannot be given to its offers without guessing: to complete.
    return after == (before if "|" not in before else "")


NORMALISED = {"frais_a_charge": _price, "commune": _commune, "code_postal": _postcode, "latitude": _coordinate, "longitude": _coordinate,
              "telephone": _phone, "horaires": _hours, "typologie": _typologie}
SETS = {"services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "modalites_acces",
        "modalites_accompagnement", "dispositif_programmes_nationaux", "formations_labels", "courriels", "site_web"}
# Filled although the source may lack it: the INSEE code, deduced from postcode and name.
DEDUCED = {"code_insee"}


def test_round_trip_column_by_column(imported):
    source = _rows(FIXTURE)
    with open(imported["export"] / "lieux-de-mediation-numerique.csv", encoding="utf-8", newline="") as f:
        exported = {r["id"]: r for r in csv.DictReader(f)}
    imported_ids = {r for r in source if r not in ("cd22-009", "cd22-010", "cd22-011")}
    assert imported_ids <= set(exported)
    for rid in sorted(imported_ids):
        before, after = source[rid], exported[rid]
        for column, value in before.items():
            if column.startswith("__"):
                continue
            got = after[column]
            if not value:
                assert got == "" or column in DEDUCED, (rid, column, got)
            elif column in NORMALISED:
                assert NORMALISED[column](value, got, after), (rid, column, value, got)
            elif column in SETS:
                assert _same_set(value, got), (rid, column, value, got)
            elif column == "horaires":
                pass
            else:
                assert got == value, (rid, column, value, got)


def test_multi_valued_price_is_not_assigned_silently(imported):
    source = _rows(FIXTURE)["cd22-003"]
    with open(imported["export"] / "lieux-de-mediation-numerique.csv", encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == "cd22-003")
    # « Gratuit sous condition|Payant » for a place with one offer: to complete, not guessed.
    assert source["frais_a_charge"] and row["frais_a_charge"] == ""
    assert "frais : plusieurs valeurs pour le lieu" in imported["proc"].stderr


def test_export_of_imported_data_passes_frictionless(imported):
    with frictionless.system.use_context(trusted=True):
        report = frictionless.validate(str(imported["export"] / "lieux-de-mediation-numerique.csv"),
                                       schema=str(STANDARDS / "mednum-lieux-v1.0.2" / "schema.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_data_inclusion_export_of_imported_data_stays_valid(imported):
    import jsonschema
    for kind, name in (("structure", "structures.json"), ("service", "services.json")):
        schema = json.loads((STANDARDS / "data-inclusion-v1" / f"{kind}.json").read_text(encoding="utf-8"))
        records = json.loads((imported["export"] / "data-inclusion" / name).read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        for record in records:
            assert not list(validator.iter_errors(record)), record["id"]
    services = json.loads((imported["export"] / "data-inclusion" / "services.json").read_text(encoding="utf-8"))
    guessed = [s for s in services if "mamoudzou" in s["id"]]
    assert guessed and guessed[0]["type"] is None and guessed[0]["horaires_accueil"] is None and guessed[0]["frais"] is None


def test_reimport_changes_nothing_and_updates_in_place(imported, tmp_path):
    offers = tmp_path / "offers"
    shutil.copytree(imported["offers"], offers)
    before = {p: p.read_bytes() for p in offers.rglob("*.yml")}
    proc = _import(FIXTURE, offers)
    assert "0 fichier(s) ont été créés." in proc.stderr and "0 fichier(s) ont été modifiés." in proc.stderr
    assert {p: p.read_bytes() for p in offers.rglob("*.yml")} == before
    # A volunteer completes a field and checks a guess; the source then changes a phone number.
    path = offers / "espace-numerique-de-mamoudzou" / "offres" / "acces-libre.yml"
    data = read_yaml(path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("- frais\n", "").replace("a_verifier:\n- segment\n", "") + "frais:\n  type: gratuit\n"
    path.write_text(text, encoding="utf-8")
    changed = FIXTURE.read_text(encoding="utf-8-sig").replace("0269 61 12 34", "0269 61 99 99")
    src = tmp_path / "lieux.csv"
    src.write_text(changed, encoding="utf-8")
    proc = _import(src, offers, "--source", "Conseil départemental 22")
    # The phone is the place's and (one place, one structure) the structure's: two files change, not the offer.
    assert "2 fichier(s) ont été modifiés" in proc.stderr and "acces-libre.yml" not in proc.stderr, proc.stderr
    assert "~ offers/espace-numerique-de-mamoudzou/lieux.yml (espace-numerique-de-mamoudzou : contact)" in proc.stderr
    assert not (offers / "espace-numerique-de-mamoudzou-2").exists()
    lieu = read_yaml(offers / "espace-numerique-de-mamoudzou" / "lieux.yml")["lieux"][0]
    assert lieu["contact"]["telephone"] == "+262269619999"
    kept = read_yaml(path)
    assert kept["frais"] == {"type": "gratuit"} and "frais" not in kept.get("a_completer", []) and "a_verifier" not in kept
    assert data["segment"] == kept["segment"]


def test_dry_run_lists_changes_and_writes_nothing(tmp_path):
    offers = tmp_path / "offers"
    proc = _import(FIXTURE, offers, "--dry-run")
    assert "23 fichier(s) seraient créés :" in proc.stderr and "+ offers/ville-de-lannion/lieux.yml" in proc.stderr
    assert not offers.exists()


def test_semicolon_windows_1252_file(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(reader)
    src = tmp_path / "excel.csv"
    src.write_bytes(buf.getvalue().encode("cp1252", errors="replace"))
    proc = _import(src, tmp_path / "offers")
    assert "encodage Windows-1252, séparateur « ; »" in proc.stderr and "8 importée(s)" in proc.stderr
    lieu = read_yaml(tmp_path / "offers" / "agence-postale-la-grange" / "lieux.yml")["lieux"][0]
    assert lieu["nom"] == 'Agence Postale "La Grange"' and lieu["complement_adresse"] == "Lieu-dit Roudy\nSaint-Angeau"


def test_the_standards_example_round_trips(tmp_path):
    offers = tmp_path / "offers"
    assert _import(EXAMPLE, offers).returncode == 0
    out = tmp_path / "export"
    assert run_cli("export", str(offers), "--out", str(out), env=DATE).returncode == 0
    before = next(iter(_rows(EXAMPLE).values()))
    with open(out / "lieux-de-mediation-numerique.csv", encoding="utf-8", newline="") as f:
        after = next(csv.DictReader(f))
    for column in ("id", "pivot", "nom", "adresse", "complement_adresse", "code_insee", "code_postal", "telephone", "horaires",
                   "presentation_resume", "presentation_detail", "source", "itinerance", "structure_parente", "date_maj",
                   "autres_formations_labels", "fiche_acces_libre", "prise_rdv"):
        assert after[column] == before[column], column
    for column in SETS | {"typologie"}:
        assert _same_set(after[column], before[column]), column
    # The example's coordinates are in Provence, 645 km from Reims: not published as the place's.
    assert after["latitude"] == after["longitude"] == ""


@pytest.mark.parametrize("content, message", [
    ("nom;commune\nx;y\n".encode("utf-8"), "colonnes absentes"),
    (b"\x81\x8d\x8f\x90\x9d", "encodage illisible"),
])
def test_bad_files_get_a_french_message(tmp_path, content, message):
    src = tmp_path / "f.csv"
    src.write_bytes(content)
    proc = _import(src, tmp_path / "offers")
    assert proc.returncode == 2 and message in proc.stderr
    assert not (tmp_path / "offers").exists()


def test_missing_file(tmp_path):
    proc = _import(tmp_path / "absent.csv", tmp_path / "offers")
    assert proc.returncode == 2 and "lecture impossible" in proc.stderr


def test_a_place_whose_commune_has_no_centre_is_imported_with_its_position_to_complete(tmp_path):
    # Saint-Pierre-et-Miquelon has no point in the commune centres: the row is still imported.
    header = FIXTURE.read_text(encoding="utf-8-sig").splitlines()[0]
    columns = [c.strip('"') for c in header.split(",")]
    row = {c: "" for c in columns}
    row.update(id="pm-001", pivot="00000000000000", nom="Maison numérique de Saint-Pierre", commune="Saint-Pierre",
               code_postal="97500", adresse="1 rue du Général de Gaulle", telephone="41 12 34", date_maj="2026-02-01")
    src = tmp_path / "spm.csv"
    with open(src, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerow(row)
    offers = tmp_path / "offers"
    assert _import(src, offers).returncode == 0
    lieu = read_yaml(offers / "maison-numerique-de-saint-pierre" / "lieux.yml")["lieux"][0]
    assert "coordonnees" not in lieu and "coordonnees" in lieu["a_completer"]
    assert lieu["contact"]["telephone"] == "+508411234"  # a local number, read with the commune's territory
    code, result = validate_json(offers)
    assert code == 0 and result["summary"]["errors"] == 0, result["diagnostics"][:5]
    out = tmp_path / "export"
    assert run_cli("export", str(offers), "--out", str(out), env=DATE).returncode == 0
    with open(out / "lieux-de-mediation-numerique.csv", encoding="utf-8", newline="") as f:
        exported = next(csv.DictReader(f))
    assert exported["latitude"] == exported["longitude"] == "" and exported["telephone"] == "+508411234"
    geo = json.loads((out / "lieux.geojson").read_text(encoding="utf-8"))
    assert geo["features"][0]["geometry"] is None
