"""`annuaire import data-inclusion structures.json services.json`: data·inclusion v1 records become
structures, venues and offers without invented values; exports stay valid; re-import changes nothing."""
import json

import jsonschema
import pytest

from helpers import ROOT, STANDARDS, read_yaml, run_cli, validate_json

FIXTURES = ROOT / "tests" / "fixtures" / "import" / "data-inclusion"
DATE = {"ANNUAIRE_DATE": "2026-06-01"}


def _validator(kind):
    schema = json.loads((STANDARDS / "data-inclusion-v1" / f"{kind}.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _import(out, *extra):
    proc = run_cli("import", "data-inclusion", str(FIXTURES / "structures.json"), str(FIXTURES / "services.json"),
                   "--out", str(out), *extra, env=DATE)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    offers = tmp_path_factory.mktemp("di") / "offers"
    return offers, _import(offers)


def test_the_fixture_is_valid_data_inclusion():
    # Fields the fixture omits are optional; only the orphan service is there to be refused.
    for kind, name in (("structure", "structures.json"), ("service", "services.json")):
        for record in json.loads((FIXTURES / name).read_text(encoding="utf-8")):
            assert not list(_validator(kind).iter_errors(record)), record["id"]


def test_import_validates_and_names_what_it_refuses(imported):
    offers, proc = imported
    assert proc.returncode == 1 and "structure « dora--inconnue » absente de structures.json : service 4" in proc.stderr
    code, result = validate_json(offers)
    assert code == 0 and result["summary"]["errors"] == 0, result["diagnostics"][:5]


def test_records_are_mapped_not_invented(imported):
    offers, _ = imported
    folder = offers / "centre-social-de-kerfeunteun"
    structure = read_yaml(folder / "structure.yml")
    assert structure["source"] == {"nom": "dora", "id": "dora--cs-kerfeunteun"}
    assert structure["contact"]["telephone"] == "+33298001122" and structure["labels"] == ["france-services"]
    assert "type" in structure["a_completer"]  # data·inclusion v1 has no typology
    aide = read_yaml(folder / "offres" / "aide-aux-demarches-en-ligne.yml")
    assert (aide["horaires"], aide["horaires_texte"]) == ("We 14:00-15:30", "Mercredi de 14h à 15h30")
    assert aide["thematiques"] == ["demarches-administratives"] and aide["a_verifier"] == ["segment", "inscription.obligatoire"]
    atelier = read_yaml(folder / "offres" / "atelier-smartphone-a-la-mediatheque.yml")
    assert atelier["frais"] == {"type": "payant", "details": "5 € la séance"}
    lieux = read_yaml(folder / "lieux.yml")["lieux"]
    assert [l["adresse"] for l in lieux] == ["4 rue Anatole Le Braz", "Esplanade François Mitterrand"]
    assert lieux[1]["coordonnees"]["approchees"] is True
    remote = read_yaml(offers / "association-numerique-solidaire" / "offres" / "permanence-telephonique-numerique.yml")
    assert remote["a_distance"] is True and "lieux" not in remote
    assert {"thematiques", "publics", "frais", "inscription", "horaires"} <= set(remote["a_completer"])
    assert read_yaml(offers / "association-numerique-solidaire" / "lieux.yml") == {"lieux": []}


def test_exports_stay_valid_and_leave_unknowns_empty(imported, tmp_path):
    offers, _ = imported
    out = tmp_path / "export"
    assert run_cli("export", str(offers), "--out", str(out), env=DATE).returncode == 0
    services = json.loads((out / "data-inclusion" / "services.json").read_text(encoding="utf-8"))
    structures = json.loads((out / "data-inclusion" / "structures.json").read_text(encoding="utf-8"))
    for kind, records in (("service", services), ("structure", structures)):
        for record in records:
            assert not list(_validator(kind).iter_errors(record)), record["id"]
    remote = next(s for s in services if "permanence-telephonique" in s["id"])
    assert remote["frais"] is None and remote["publics"] is None and remote["thematiques"] is None and remote["type"] is None
    atelier = next(s for s in services if "atelier-smartphone" in s["id"])
    assert atelier["latitude"] is None  # only the commune's centre is known


def test_reimport_changes_nothing(imported, tmp_path):
    import shutil
    offers = tmp_path / "offers"
    shutil.copytree(imported[0], offers)
    before = {p: p.read_bytes() for p in offers.rglob("*.yml")}
    proc = _import(offers)
    assert "0 fichier(s) ont été créés." in proc.stderr and "0 fichier(s) ont été modifiés." in proc.stderr
    assert {p: p.read_bytes() for p in offers.rglob("*.yml")} == before


def test_a_services_file_alone_is_refused(tmp_path):
    proc = run_cli("import", "data-inclusion", str(FIXTURES / "services.json"), "--out", str(tmp_path / "o"), env=DATE)
    assert proc.returncode == 2 and "aucun fichier de structures" in proc.stderr
