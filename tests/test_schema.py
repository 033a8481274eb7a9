"""The schemas and referentials are the single source of truth: complete, French, mapped."""
import json
import re

import pytest

from helpers import ROOT, STANDARDS
from generator import referentials, schemas

SCHEMA_FILES = ["structure.schema.json", "lieux.schema.json", "offre.schema.json"]


def _properties(node, kind, path=""):
    node = schemas.resolve(node, kind)
    for name, sub in node.get("properties", {}).items():
        yield f"{path}.{name}", sub
        yield from _properties(sub, kind, f"{path}.{name}")
    items = node.get("items")
    if isinstance(items, dict):
        yield from _properties(items, kind, path + "[]")


@pytest.mark.parametrize("kind", sorted(schemas.KINDS))
def test_every_property_has_french_title_description_examples(kind):
    missing = []
    for path, sub in _properties(schemas.bundled(kind), kind):
        merged = schemas.resolve(sub, kind)
        for key in ("title", "description", "examples"):
            if not merged.get(key) and not (key == "examples" and "anyOf" in merged):
                missing.append(f"{path}: {key}")
    assert not missing, missing


@pytest.mark.parametrize("name", referentials.names())
def test_referential_items_are_labelled(name):
    ref = referentials.get(name)
    assert ref.title and ref.description
    assert len(set(ref.codes)) == len(ref.codes)
    for item in ref.items:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item.code), item.code
        assert item.label and item.description.endswith("."), item


def _standard_values(field):
    schema = json.loads((STANDARDS / "mednum-lieux-v1.0.2/schema.json").read_text(encoding="utf-8"))
    pattern = next(f for f in schema["fields"] if f["name"] == field)["constraints"]["pattern"]
    inner = re.search(r"\((?!\?)(.*)\)\)\+\$$", pattern).group(1)
    return {v.replace("\\(", "(").replace("\\)", ")") for v in inner.split("|")}


def test_every_theme_maps_to_a_national_service_category():
    services = _standard_values("services")
    mapped = {i.get("x-mednum-service") for i in referentials.get("thematiques").items}
    assert mapped <= services
    assert mapped == services, f"catégories nationales sans thématique : {services - mapped}"


@pytest.mark.parametrize("ref_name,key,field", [
    ("publics", "x-mednum-public", "publics_specifiquement_adresses"),
    ("prises-en-charge", "x-mednum", "prise_en_charge_specifique"),
    ("frais", "x-mednum", "frais_a_charge"),
    ("modalites-acces", "x-mednum", "modalites_acces"),
    ("labels", "x-mednum", "dispositif_programmes_nationaux"),
    ("programmes", "x-mednum", "dispositif_programmes_nationaux"),
    ("modes-contact", "x-mednum", "modalites_acces"),
    ("segments", "x-mednum-accompagnement", "modalites_accompagnement"),
])
def test_mednum_mappings_use_standard_values(ref_name, key, field):
    values = {i.get(key) for i in referentials.get(ref_name).items} - {None}
    assert values and values <= _standard_values(field)


def test_data_inclusion_mappings_use_standard_values():
    service = json.loads((STANDARDS / "data-inclusion-v1/service.json").read_text(encoding="utf-8"))
    defs = service["$defs"]
    checks = [("thematiques", "x-data-inclusion-thematiques", "Thematique"), ("publics", "x-data-inclusion-publics", "Public")]
    for ref_name, key, enum in checks:
        for item in referentials.get(ref_name).items:
            assert set(item.get(key)) <= set(defs[enum]["enum"]), item
    for item in referentials.get("segments").items:
        assert item.get("x-data-inclusion-type") in defs["TypeService"]["enum"]
    for item in referentials.get("frais").items:
        assert item.get("x-data-inclusion") in defs["Frais"]["enum"]
    for item in referentials.get("modes-contact").items:
        assert item.get("x-data-inclusion") in (None, *defs["ModeMobilisation"]["enum"])


def test_every_yaml_file_points_at_its_schema():
    files = sorted((ROOT / "offers").rglob("*.yml"))
    assert files
    for f in files:
        first = f.read_text(encoding="utf-8").splitlines()[0]
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert m, f"{f}: première ligne {first!r}"
        target = (f.parent / m.group(1)).resolve()
        expected = {"structure.yml": "structure", "lieux.yml": "lieux"}.get(f.name, "offre")
        assert target == ROOT / "schema" / schemas.KINDS[expected], f
