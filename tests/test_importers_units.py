"""The importer's parts, in-process: phones, hours, CSV reading, commune resolution, YAML writing,
and the mappings checked against the official lists for every value."""
import json
import re

import pytest

from generator import phones, referentials
from generator.diagnostics import Report
from generator import french_hours as hours
from generator.importers import mapping
from generator.importers.communes import resolve
from generator.importers.csv_reading import decode, parse
from generator.importers.yaml_writer import dump
from generator.load import load_bytes
from helpers import STANDARDS

MEDNUM = json.loads((STANDARDS / "mednum-lieux-v1.0.2" / "schema.json").read_text(encoding="utf-8"))
OFFICIAL_TYPOLOGIES = json.loads((STANDARDS / "data-inclusion-v1-referentiels" / "typologies-de-structures.json")
                                 .read_text(encoding="utf-8"))


def _field(name):
    return next(f for f in MEDNUM["fields"] if f["name"] == name)


def _enum(name):
    """The values a column of the standard allows, read from its regex."""
    pattern = _field(name)["constraints"]["pattern"]
    inner = pattern.split("(?:(?:^|\\|)(", 1)[1].rsplit("))+$", 1)[0]
    return [re.sub(r"\\(.)", r"\1", v) for v in re.split(r"(?<!\\)\|", inner)]


@pytest.mark.parametrize("text, insee, expected", [
    ("02 96 50 00 00", None, "+33296500000"),
    ("0262 12 34 56", None, "+262262123456"),
    ("0692 12 34 56", None, "+262692123456"),
    ("0269 61 12 34", None, "+262269611234"),
    ("0590 81 12 34", None, "+590590811234"),
    ("0596 12 34 56", None, "+596596123456"),
    ("0594 12 34 56", None, "+594594123456"),
    ("41 12 34", "97502", "+508411234"),
    ("+687 28 12 34", None, "+687281234"),
    ("+33 (0)2 96 50 00 00", None, "+33296500000"),
    ("0033 2 96 50 00 00", None, "+33296500000"),
    ("bonjour", None, None),
    ("+44 20 7946 0000", None, None),
])
def test_phone_normalisation(text, insee, expected):
    assert phones.normalise(text, insee) == expected
    if expected:
        assert re.fullmatch(_field("telephone")["constraints"]["pattern"], expected)


def test_schema_accepts_every_prefix_of_the_standard():
    schema = json.loads((STANDARDS.parent.parent / "schema" / "communs.json").read_text(encoding="utf-8"))
    ours = re.compile(schema["$defs"]["telephone"]["pattern"])
    theirs = re.compile(_field("telephone")["constraints"]["pattern"])
    for prefix in phones.PREFIXES:
        number = f"+{prefix}" + ("296500000" if prefix == "33" else "123456")
        assert ours.fullmatch(number) and theirs.fullmatch(number), number
    assert not ours.fullmatch("+33262123456" + "0")


def test_validator_hint_gives_the_rewritten_phone(tree):
    from generator.directory import load_directory
    path = tree / "essai" / "structure.yml"
    path.write_text(re.sub(r'telephone: "[^"]+"', 'telephone: "0262 12 34 56"', path.read_text(encoding="utf-8")), encoding="utf-8")
    _, report = load_directory(tree)
    hints = [d.hint for d in report.diagnostics if "telephone" in d.message]
    assert hints == ["Écrivez « +262262123456 » (format international, sans espace)."]


@pytest.mark.parametrize("text, osm", [
    ("Mercredi de 14h à 15h30", "We 14:00-15:30"),
    ("Du lundi au vendredi de 9h à 12h et de 14h à 17h", "Mo-Fr 09:00-12:00,14:00-17:00"),
    ("Lundi, mardi et jeudi : 9h-12h / 14h-17h30", "Mo,Tu,Th 09:00-12:00,14:00-17:30"),
    ("Mardi 9h-12h ; Jeudi 14h-18h", "Tu 09:00-12:00; Th 14:00-18:00"),
    ("Samedi 9h-midi", "Sa 09:00-12:00"),
    ("Le mardi matin", None),
    ("Sur rendez-vous", None),
    ("Mercredi de 14h à 15h30 sauf vacances", None),
    ("du mardi au samedi 10h-12h30 et 14h-18h, mercredi 10h-18h", None),  # overlapping: ambiguous
    ("Lundi 18h-9h", None),
])
def test_french_hours(text, osm):
    assert hours.to_osm(text) == osm


def test_csv_reading_keeps_quotes_newlines_and_commas():
    # csv.Sniffer guesses doublequote=False on such a sample; we never use its quoting guess.
    text = 'id;nom;adresse\r\n1;"Agence Postale ""La Grange""";"Roudy\nSaint-Angeau"\r\n2;"a, b";"x;y"\r\n'
    table = parse(text)
    assert table.delimiter == ";"
    assert [r.values for r in table.rows] == [
        {"id": "1", "nom": 'Agence Postale "La Grange"', "adresse": "Roudy\nSaint-Angeau"},
        {"id": "2", "nom": "a, b", "adresse": "x;y"}]
    assert [(r.number, r.line) for r in table.rows] == [(2, 2), (3, 4)]


def test_encodings():
    assert decode("\ufeffnom\nCafé".encode("utf-8")) == ("nom\nCafé", "UTF-8 (avec BOM)")
    assert decode("nom\nCafé".encode("cp1252")) == ("nom\nCafé", "Windows-1252")


def test_communes():
    assert resolve("", "29679", "MORLAIX CEDEX").commune.code == "29151"
    assert resolve("", "22400", "Lamballe").commune.code == "22093"  # former name of Lamballe-Armor
    assert resolve("29151", "29600", "Morlaix").notes == []
    wrong = resolve("", "29600", "Brest")  # Brest is not served by 29600: found by name, and said so
    assert wrong.commune.code == "29019" and wrong.notes
    ambiguous = resolve("", "25000", "Longeville")
    assert ambiguous.commune is None and "25346" in ambiguous.problem and "25390" in ambiguous.problem


def test_typology_mapping_against_the_official_list():
    official = {i["value"] for i in OFFICIAL_TYPOLOGIES}
    ours = referentials.get("typologies")
    assert {i.get("x-mednum-typologie") for i in ours.items} == official
    for item in referentials.get("types-structures").items:
        for value in [item.get("x-mednum-typologie")] + list(item.get("x-typologies") or ()):
            assert value is None or value in official, (item.code, value)
    assert referentials.get("types-structures")["france-services"].get("x-mednum-typologie") == "RFS"


@pytest.mark.parametrize("column, referential, key", [
    ("services", "thematiques", "x-mednum-service"),
    ("publics_specifiquement_adresses", "publics", "x-mednum-public"),
    ("prise_en_charge_specifique", "prises-en-charge", "x-mednum"),
    ("frais_a_charge", "frais", "x-mednum"),
    ("dispositif_programmes_nationaux", "labels", "x-mednum"),
    ("formations_labels", "labels", "x-mednum-formation"),
    ("modalites_acces", "modalites-acces", "x-mednum"),
    ("modalites_accompagnement", "segments", "x-mednum-accompagnement"),
])
def test_every_value_of_the_standard_has_a_code(column, referential, key):
    values = _enum(column)
    codes, unknown = mapping.reverse(referential, key, values)
    # Values with no code, on purpose: « À distance » is the offer's a_distance boolean; a place
    # that « n'accueille pas de public » has no offer to describe here (the importer reports it).
    unknown = [v for v in unknown if v not in ("À distance", "Ce lieu n'accueille pas de public")]
    assert codes and unknown == [], unknown


def test_yaml_writer_round_trips_through_our_loader():
    data = {"nom": 'Agence "La Grange"', "resume": "ligne 1\nligne 2", "segment": "acces-libre", "configuration": "spontanee",
            "horaires": "Mo 14:00-15:00", "publics": ["tous-publics"], "date_maj": "2026-01-10",
            "source": {"nom": "off", "id": "012"}, "a_completer": ["frais"]}
    text = dump("offre", data)
    assert text.startswith("# yaml-language-server: $schema=../../../schema/offre.schema.json\n")
    doc = load_bytes("x.yml", text.encode("utf-8"), Report())
    assert doc.ok and doc.data == data


def test_segments_picked_for_each_accompaniment_value_map_back_to_it():
    from generator.importers.mednum_offers import _PREFERRED
    for value, segment in _PREFERRED.items():
        assert referentials.get("segments")[segment].get("x-mednum-accompagnement") == value


def test_fields_an_import_may_leave_to_complete_stay_required_in_the_contribution_form():
    from generator.site import form_fields

    def required(kind, node=None):
        fields = node if node is not None else form_fields.form(kind)["champs"]
        return {f["cle"] for f in fields if f["requis"]}

    assert {"thematiques", "publics", "inscription", "frais"} <= required("offre")
    assert {"type", "description", "territoire", "contact", "mainteneurs"} <= required("structure")
    venue = next(f for f in form_fields.form("lieux")["champs"] if f["cle"] == "lieux")
    assert "coordonnees" in required("lieux", venue.get("champs") or venue.get("elements") or [])
