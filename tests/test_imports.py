"""`annuaire import mednum`: national file → YAML that validates → export that gives the same key fields back."""
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import geography
from generator.imports import Row, coordinates
from helpers import STANDARDS

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args, cwd=None):
    """The real CLI in a subprocess, as a user runs it (kept here: two conftest modules share one name)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd or ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def validate_json(path):
    proc = run_cli("validate", str(path), "--format", "json")
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


EXAMPLE = STANDARDS / "mednum-lieux-v1.0.2" / "exemple-valide.csv"
KEY_FIELDS = ("nom", "adresse", "code_postal", "code_insee", "horaires")


def _rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _import(path, out):
    proc = run_cli("import", "mednum", str(path), "--out", str(out))
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def _write_csv(path, rows, delimiter=","):
    header = list(_rows(EXAMPLE)[0].keys())
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, delimiter=delimiter)
    writer.writeheader()
    for r in rows:
        writer.writerow({**dict.fromkeys(header, ""), **r})
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def test_round_trip_of_the_standards_example(tmp_path):
    offers = tmp_path / "offers"
    proc = _import(EXAMPLE, offers)
    assert proc.returncode == 0, proc.stderr
    # The example's coordinates are in Provence, not in Reims: the user is told to check them.
    assert "coordonnées" in proc.stderr and "Reims" in proc.stderr
    code, result = validate_json(offers)
    assert code == 0 and result["summary"]["errors"] == 0, result
    for f in offers.rglob("*.yml"):
        text = f.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=")
    assert "À compléter" in (offers / "anonymal" / "structure.yml").read_text(encoding="utf-8")
    out = tmp_path / "export"
    proc = run_cli("export", str(offers), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    source = _rows(EXAMPLE)
    exported = _rows(out / "lieux-de-mediation-numerique.csv")
    assert len(exported) == len(source)
    for before, after in zip(source, exported):
        for key in KEY_FIELDS:
            assert after[key] == before[key], key
        assert set(after["services"].split("|")) == set(before["services"].split("|"))
        assert after["pivot"] == before["pivot"]
        assert set(after["publics_specifiquement_adresses"].split("|")) == set(before["publics_specifiquement_adresses"].split("|"))
        assert set(after["prise_en_charge_specifique"].split("|")) == set(before["prise_en_charge_specifique"].split("|"))


def test_import_fixes_what_it_can_and_says_so(tmp_path):
    src = _write_csv(tmp_path / "lieux.csv", [
        {"id": "a", "pivot": "00000000000000", "nom": "Espace numérique de Morlaix", "commune": "Morlaix", "code_postal": "29600",
         "code_insee": "", "adresse": "1 place des Otages", "latitude": "-3.8279", "longitude": "48.5777",
         "telephone": "02 99 00 12 34", "services": "Aide aux démarches administratives", "date_maj": "2026-01-10"},
        {"id": "b", "pivot": "", "nom": "Sans commune", "commune": "Nulle-Part", "code_postal": "00000", "code_insee": "",
         "adresse": "1 rue", "latitude": "48", "longitude": "-3", "date_maj": "2026-01-10"},
    ], delimiter=";")
    offers = tmp_path / "offers"
    proc = _import(src, offers)
    assert proc.returncode == 1  # one row could not be used
    assert "lieux.csv:3:" in proc.stderr and "ligne ignorée" in proc.stderr
    assert "inversées" in proc.stderr and "code INSEE absent" in proc.stderr and "horaires absents" in proc.stderr
    lieux = (offers / "espace-numerique-de-morlaix" / "lieux.yml").read_text(encoding="utf-8")
    assert 'code_insee: "29151"' in lieux and "latitude: 48.5777" in lieux
    structure = (offers / "espace-numerique-de-morlaix" / "structure.yml").read_text(encoding="utf-8")
    assert 'telephone: "+33299001234"' in structure and "siret" not in structure
    code, result = validate_json(offers)
    assert result["summary"]["errors"] == 0, result


def test_import_never_overwrites_an_existing_folder(tmp_path):
    offers = tmp_path / "offers"
    (offers / "anonymal").mkdir(parents=True)
    (offers / "anonymal" / "structure.yml").write_text("# à moi\n", encoding="utf-8")
    proc = _import(EXAMPLE, offers)
    assert proc.returncode == 0
    assert (offers / "anonymal" / "structure.yml").read_text(encoding="utf-8") == "# à moi\n"
    assert (offers / "anonymal-2" / "structure.yml").is_file()


@pytest.mark.parametrize("content, message", [
    ("nom;commune\nx;y\n".encode("utf-8"), "colonnes absentes"),
    ("id,nom,commune\n1,Café,Brest\n".encode("latin-1"), "UTF-8"),
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


def test_far_coordinates_are_replaced_by_the_commune_centre_when_known():
    reims = geography.commune("51454")
    with_centre = geography.Commune(**{**reims.__dict__, "latitude": 49.2535, "longitude": 4.0551})
    row = Row(2, {"latitude": "43.52609", "longitude": "5.41423"})
    lat, lon, note = coordinates(row, with_centre)
    assert (lat, lon) == (49.2535, 4.0551) and "km de Reims" in note
    near = Row(3, {"latitude": "49.26", "longitude": "4.03"})
    assert coordinates(near, with_centre) == (49.26, 4.03, "")
