"""What a careless or hostile pull request can put in a file is diagnosed at its line, never dropped in
silence, never followed outside offers/, and never breaks the exports."""
import csv
import io
import os

import pytest

from generator.diagnostics import Diagnostic, ERROR
from generator.diagnostics.reporters import render_github
from generator.directory import load_directory
from generator.exports import write_all
from generator.exports.ical import escape
from generator.markdown import safe_url
from generator.text import spreadsheet_cell, xml_text
from helpers import validate_json

LIEUX = "essai/lieux.yml"
OFFRE = "essai/offres/acces-libre.yml"
STRUCTURE = "essai/structure.yml"


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path, needle):
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def _diagnostics(tree, code):
    status, out = validate_json(tree, cwd=tree.parent)
    return status, out, [d for d in out["diagnostics"] if d["code"] == code]


# --- one truth for validity ------------------------------------------------------------------------

@pytest.mark.parametrize("field, old, new", [
    ("code_postal", 'code_postal: "29600"', 'code_postal: "29600\\n"'),
    ("code_insee", 'code_insee: "29151"', 'code_insee: "29151\\n"'),
])
def test_a_trailing_newline_is_reported_not_dropped(tree, field, old, new):
    f = tree / LIEUX
    _replace(f, old, new)
    status, out, found = _diagnostics(tree, "schema-pattern")
    assert status == 1 and found, out
    assert found[0]["line"] == _line_of(f, field) and found[0]["file"].endswith(LIEUX)
    assert "\\n" in found[0]["message"] and "Espace en fin de valeur" in found[0]["hint"]


def test_a_phone_with_a_trailing_newline_is_reported_and_the_offer_kept_out(tree):
    f = tree / STRUCTURE
    _replace(f, 'telephone: "+33199000000"', 'telephone: "+33199000000\\n"')
    status, out, found = _diagnostics(tree, "schema-pattern")
    assert status == 1 and found[0]["line"] == _line_of(f, "telephone")


def test_an_id_ending_with_a_newline_is_refused(tree):
    f = tree / LIEUX
    _replace(f, "id: siege", 'id: "siege\\n"')
    status, out, found = _diagnostics(tree, "schema-pattern")
    assert status == 1 and found and found[0]["line"] == _line_of(f, "id: ")


def test_an_offer_file_name_ending_with_a_newline_is_refused(tree):
    (tree / "essai" / "offres" / "acces-libre.yml").rename(tree / "essai" / "offres" / "autre\n.yml")
    status, out, found = _diagnostics(tree, "id-invalide")
    assert status == 1 and found


def test_validators_disagreeing_still_give_a_diagnostic(tree, monkeypatch):
    """If the detailed validator explains nothing the fast one refused, the file still gets an error."""
    from generator import schema_errors

    monkeypatch.setattr(schema_errors, "report_errors", lambda *a, **k: None)
    _replace(tree / LIEUX, 'code_postal: "29600"', 'code_postal: "2960"')
    status, out, found = _diagnostics(tree, "schema-inexplique")
    assert status == 1 and found and found[0]["file"].endswith(LIEUX)


# --- dates and numbers -----------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, needle", [
    ('date_maj: "{today}"', 'date_maj: "2026-11-31"', "date_maj"),
    ('horaires: "Tu,Th 14:00-17:00; PH off"',
     'horaires: "Tu,Th 14:00-17:00; PH off"\nrecurrence: {du: "2027-02-30", horaires: "Mo 10:00-12:00"}', "recurrence"),
])
def test_impossible_dates_are_reported_at_their_line(tree, old, new, needle):
    from generator.directory import reference_date

    f = tree / OFFRE
    _replace(f, old.replace("{today}", reference_date().isoformat()), new)
    status, out, found = _diagnostics(tree, "schema-format")
    assert status == 1 and found and found[0]["line"] == _line_of(f, needle), out


def test_an_oversized_number_is_reported_at_its_line(tree):
    f = tree / LIEUX
    _replace(f, "latitude: 48.5777", "latitude: " + "4" * 5000)
    status, out, found = _diagnostics(tree, "nombre-illisible")
    assert status == 1 and found[0]["line"] == _line_of(f, "latitude")


# --- files -----------------------------------------------------------------------------------------

def test_a_symlinked_offer_is_refused_and_not_published(tree, tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text((tree / OFFRE).read_text(encoding="utf-8").replace("Accès libre accompagné", "SECRET"), encoding="utf-8")
    os.symlink(secret, tree / "essai" / "offres" / "fuite.yml")
    directory, report = load_directory(tree)
    assert any(d.code == "lien-symbolique" and d.file.endswith("fuite.yml") for d in report.diagnostics)
    assert all(o["nom"] != "SECRET" for o in directory.offres.values())


def test_a_symlinked_structure_folder_is_refused(tree, tmp_path):
    outside = tmp_path / "ailleurs"
    (tree / "essai").rename(outside)
    os.symlink(outside, tree / "essai")
    directory, report = load_directory(tree)
    assert [d.code for d in report.diagnostics] == ["lien-symbolique"]
    assert not directory.offres and not directory.structures


@pytest.mark.parametrize("name", ["Cyberbase de Mоrlaix", "Сyberbase"])  # Cyrillic о and С
def test_look_alike_letters_in_a_name_are_flagged(tree, name):
    f = tree / OFFRE
    _replace(f, "nom: Accès libre accompagné", f"nom: {name}")
    status, out, found = _diagnostics(tree, "nom-trompeur")
    assert found and found[0]["severity"] == "warning" and found[0]["line"] == _line_of(f, "nom:")


def test_bidirectional_controls_are_flagged_and_control_characters_refused(tree):
    f = tree / OFFRE
    _replace(f, "nom: Accès libre accompagné", 'nom: "Accès \\u202Eerbil\\u202C"')
    _replace(f, "resume: Venez", 'resume: "Venez\\x0b')
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("pour vous aider.", 'pour vous aider."'), encoding="utf-8")
    status, out = validate_json(tree, cwd=tree.parent)
    codes = {d["code"]: d for d in out["diagnostics"]}
    assert codes["texte-bidi"]["severity"] == "warning" and codes["texte-bidi"]["line"] == _line_of(f, "nom:")
    assert codes["caractere-interdit"]["severity"] == "error" and "U+000B" in codes["caractere-interdit"]["message"]


# --- exports that survive any text -----------------------------------------------------------------

@pytest.mark.parametrize("value, safe", [
    ("=1+1", "'=1+1"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("-3.38", "-3.38"), ("+33199001234", "+33199001234"), ("48,5", "48,5"), ("Atelier", "Atelier"),
])
def test_spreadsheet_cells_are_neutralised_but_numbers_stay(value, safe):
    assert spreadsheet_cell(value) == safe


def test_both_csv_exports_neutralise_formulas(tree, tmp_path):
    _replace(tree / LIEUX, "nom: Locaux de la structure", 'nom: "=HYPERLINK(\\"http://x\\")"')
    _replace(tree / OFFRE, "nom: Accès libre accompagné", 'nom: "+cmd|calc"')
    directory, report = load_directory(tree)
    assert report.errors == 0, report.sorted()
    write_all(directory, tmp_path / "out")
    national = list(csv.DictReader(io.StringIO((tmp_path / "out" / "lieux-de-mediation-numerique.csv").read_text(encoding="utf-8"))))
    assert national[0]["nom"] == "'=HYPERLINK(\"http://x\")" and national[0]["longitude"] == "-3.8279"
    offers = list(csv.DictReader(io.StringIO((tmp_path / "out" / "offres.csv").read_text(encoding="utf-8-sig"))))
    assert offers[0]["nom"] == "'+cmd|calc"


def test_xml_text_drops_what_xml_cannot_carry():
    assert xml_text("a\x0bb\ufffec\uffffd\ud800e\U0001F600\tf\ng") == "abcde\U0001F600\tf\ng"


@pytest.mark.parametrize("breaker", ["\r", "\n", "\r\n", "\x85", "\u2028", "\u2029"])
def test_ical_text_cannot_forge_properties(breaker):
    value = escape(f"Atelier{breaker}END:VEVENT{breaker}BEGIN:VEVENT;x,y\\z")
    assert "\r" not in value and "\n" not in value and "\x85" not in value and "\u2028" not in value and "\u2029" not in value
    assert value == "Atelier\\nEND:VEVENT\\nBEGIN:VEVENT\\;x\\,y\\\\z"


@pytest.mark.parametrize("address", ["a@b.fr?bcc=c@d.fr", "a@b.fr&cc=x@y.fr", "a%40@b.fr", "a b@c.fr", "a@b.fr "])
def test_strict_email(tree, address):
    f = tree / STRUCTURE
    _replace(f, "courriel: contact@essai.example.org", f'courriel: "{address}"')
    status, out, found = _diagnostics(tree, "schema-pattern")
    assert status == 1 and found[0]["line"] == _line_of(f, "courriel"), address
    if address.strip() == address:
        assert safe_url(f"mailto:{address}") is None


def test_a_trailing_space_in_an_email_is_named(tree):
    _replace(tree / STRUCTURE, "courriel: contact@essai.example.org", 'courriel: "contact@essai.example.org "')
    status, out, found = _diagnostics(tree, "schema-pattern")
    assert found[0]["hint"] == "Espace en fin d'adresse : écrivez « contact@essai.example.org »."


def test_github_annotations_cannot_be_forged_by_a_file_name():
    d = Diagnostic("offers/x,line=1::warning file=y:z.yml", 3, 4, ERROR, "code", "message\n::error::faux", "")
    out = render_github([d])
    assert out.count("\n") == 0 and out.startswith("::error file=") and "message%0A::error::faux" in out
    assert "file=offers/x%2Cline=1%3A%3Awarning file=y%3Az.yml,line=3,col=4" in out


# --- places ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("coords, code", [
    ("latitude: 47.7485, longitude: -3.3667", "coordonnees"),  # Lorient, 140 km from Morlaix
    ("latitude: 48.3904, longitude: -4.4861", "coordonnees"),  # Brest, 52 km
    ("latitude: 48.4, longitude: -3.6", "coordonnees-eloignees"),  # 25 km
])
def test_coordinates_far_from_the_commune(tree, coords, code):
    f = tree / LIEUX
    _replace(f, "latitude: 48.5777, longitude: -3.8279", coords)
    status, out, found = _diagnostics(tree, code)
    assert found and found[0]["line"] == _line_of(f, "coordonnees") and "Morlaix" in found[0]["message"], out
    assert status == (1 if code == "coordonnees" else 0)


def test_swapped_coordinates_get_the_hint(tree):
    _replace(tree / LIEUX, "latitude: 48.5777, longitude: -3.8279", "latitude: -3.8279, longitude: 48.5777")
    status, out, found = _diagnostics(tree, "coordonnees")
    assert status == 1 and "inversées" in found[0]["hint"]


# --- careless, not hostile -------------------------------------------------------------------------

def test_opening_hours_errors_speak_french(tree):
    f = tree / OFFRE
    _replace(f, 'horaires: "Tu,Th 14:00-17:00; PH off"', 'horaires: "Tu,Th 14:00-17:00 16:00-18:00"')
    status, out, found = _diagnostics(tree, "horaires")
    assert status == 1 and "caractère 19" in found[0]["message"] and "16:00-18:00" in found[0]["message"]
    assert "Failed" not in found[0]["message"] and "-->" not in found[0]["message"]


def test_opening_hours_in_french_get_the_value_to_write(tree):
    f = tree / OFFRE
    _replace(f, 'horaires: "Tu,Th 14:00-17:00; PH off"', 'horaires: "lundi 9h-12h"')
    status, out, found = _diagnostics(tree, "horaires")
    assert status == 1 and found[0]["line"] == _line_of(f, "horaires: \"lundi")
    assert found[0]["hint"] == "Écrivez « Mo 09:00-12:00 » (format OpenStreetMap)."
