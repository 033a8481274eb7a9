"""Random text everywhere a volunteer may type text: validation never crashes, fast and detailed schema
checks agree, and what is accepted builds and exports into files that their own parsers read back whole."""
import copy
import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import frictionless
import icalendar
import pytest
from markupsafe import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import schemas
from generator.directory import load_directory
from generator.exports import write_all
from generator.load import load_file
from generator.diagnostics import Report
from helpers import ROOT, STANDARDS, cli, complete_scaffold

# Pieces people paste, and pieces an attacker chooses: control characters, neighbours of the
# surrogates, bidi controls, formula prefixes, quotes, markup, line separators.
PIECES = ["\x0b", "\r", "\r\n", "\n", "\t", "\x85", "\u2028", "\u2029", "\u202e", "\u2066", "\u200f", "\ufffe", "\uffff",
          "\ud7ff", "\ue000", "\U0001f600", "=", "+", "-", "@", "=HYPERLINK(\"x\")", '"', "'", "\\", "]]>", "<script>",
          "&amp;", ";", ",", ":", "#", "{", "}", "*", "[lien](javascript:alert(1))", "é", "Сyr", " "]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)),
                min_size=1, max_size=6).map("".join)
# The same without what the validator refuses (control characters, line separators, non-characters),
# so that many examples are accepted and go on to the exports: formula signs, quotes, markup, bidi
# marks (a warning only), emoji and every script stay.
_REFUSED = "\x0b\r\x85\u2028\u2029\ufffe\uffff"
ACCEPTABLE = st.lists(st.one_of(st.sampled_from([p for p in PIECES if not set(p) & set(_REFUSED)]),
                                st.text(st.characters(blacklist_categories=("Cs", "Cc"),
                                                      blacklist_characters=_REFUSED + "\ufdd0\ufdef"), max_size=12)),
                      min_size=1, max_size=6).map(lambda parts: "Texte libre : " + "".join(parts))
ACCEPTED = []  # examples that passed validation, counted by the test after the fuzz test

# Free-text fields of each file (no pattern, no list of values), with where they sit in the completed scaffold.
FIELDS = {
    "structure.yml": [("nom",), ("description",), ("contact", "nom")],
    "lieux.yml": [("lieux", 0, "nom"), ("lieux", 0, "adresse"), ("lieux", 0, "complement_adresse"), ("lieux", 0, "hote"),
                  ("lieux", 0, "transports"), ("lieux", 0, "accessibilite", "details")],
    "offres/acces-libre.yml": [("nom",), ("resume",), ("description",), ("publics_precisions",), ("prerequis", 0),
                               ("a_apporter", 0), ("inscription", "details"), ("frais", "details"), ("contact", "nom"),
                               ("sessions", 0, "seances", 0, "theme")],
}
KIND = {"structure.yml": "structure", "lieux.yml": "lieux", "offres/acces-libre.yml": "offre"}


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar that carries any character (escapes for everything not plain ASCII)."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7f:
            out.append(ch)
        elif code <= 0xff:
            out.append(f"\\x{code:02x}")
        elif code <= 0xffff:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def to_yaml(value, indent=0) -> str:
    pad = "  " * indent
    if isinstance(value, dict):
        lines = []
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{k}:\n{to_yaml(v, indent + 1)}")
            else:
                lines.append(f"{pad}{k}: {to_yaml(v)}")
        return "\n".join(lines)
    if isinstance(value, list):
        if not value:
            return "[]"
        return "\n".join(f"{pad}- " + to_yaml(v, indent + 1).lstrip() for v in value)
    if isinstance(value, str):
        return yaml_quoted(value)
    return json.dumps(value)


def _set(data, path, value):
    for part in path[:-1]:
        data = data.setdefault(part, {}) if isinstance(part, str) else data[part]
    if isinstance(data, list) and path[-1] == len(data):
        data.append(value)
    elif isinstance(data, list):
        data[path[-1]] = value
    else:
        data[path[-1]] = value


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The completed scaffold, read back as data (a template for every example)."""
    folder = tmp_path_factory.mktemp("fuzz")
    assert cli("new", "essai", cwd=folder).returncode == 0
    complete_scaffold(folder / "offers" / "essai")
    docs = {}
    for name in FIELDS:
        doc = load_file(str(folder / "offers" / "essai" / name), Report())
        docs[name] = doc.data
    docs["offres/acces-libre.yml"]["prerequis"] = docs["offres/acces-libre.yml"].get("prerequis") or ["x"]
    docs["offres/acces-libre.yml"]["a_apporter"] = ["x"]
    # Two séances, so that text reaches the calendars too.
    docs["offres/acces-libre.yml"]["sessions"] = [{"debut": "2030-01-07", "fin": "2030-01-31", "seances": [
        {"date": "2030-01-08", "debut": "14:00", "fin": "16:00", "theme": "x"}, {"date": "2030-01-15", "debut": "14:00", "fin": "16:00"}]}]
    return docs


def test_the_fields_are_free_text():
    for name, paths in FIELDS.items():
        for path in paths:
            node = schemas.bundled(KIND[name])
            for part in path:
                node = schemas.resolve(node.get("items", {}) if isinstance(part, int) else node["properties"][part], KIND[name])
            assert node.get("type") == "string" and "pattern" not in node and "format" not in node, (name, path)


def _write(tree: Path, docs: dict) -> None:
    folder = tree / "essai"
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "offres").mkdir(parents=True)
    for name, data in docs.items():
        (folder / name).write_text(to_yaml(data) + "\n", encoding="utf-8")


def _check_exports(directory, out: Path) -> None:
    write_all(directory, out)
    offers, venues = len(directory.offres), len(directory.lieux)
    rows = list(csv.DictReader(io.StringIO((out / "offres.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) == offers
    national = out / "lieux-de-mediation-numerique.csv"
    assert len(list(csv.DictReader(io.StringIO(national.read_text(encoding="utf-8"), newline="")))) == venues
    with frictionless.system.use_context(trusted=True):
        report = frictionless.validate(str(national), schema=str(STANDARDS / "mednum-lieux-v1.0.2" / "schema.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    feed = ET.parse(out / "flux" / "offres.xml").getroot()
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == offers
    calendar = icalendar.Calendar.from_ical((out / "ical" / "annuaire.ics").read_bytes())
    seances = sum(len(s.get("seances", ())) for o in directory.offres.values() for s in o.get("sessions", ()))
    assert len(calendar.walk("VEVENT")) == seances
    assert len(json.loads((out / "data-inclusion" / "services.json").read_text(encoding="utf-8"))) == offers
    assert len(json.loads((out / "lieux.geojson").read_text(encoding="utf-8"))["features"]) == venues
    assert len(json.loads((out / "annuaire.json").read_text(encoding="utf-8"))["offres"]) == offers


@settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_text_in_every_field_never_breaks_anything(base, tmp_path, data):
    docs = copy.deepcopy(base)
    hostile = data.draw(st.booleans(), label="hostile")
    for name, paths in FIELDS.items():
        for path in paths:
            _set(docs[name], path, data.draw(TEXT if hostile else ACCEPTABLE, label=f"{name}:{'.'.join(map(str, path))}"))
    tree = tmp_path / "offers"
    _write(tree, docs)
    directory, report = load_directory(tree)  # never raises
    for d in report.diagnostics:
        assert d.line >= 1 and d.column >= 1 and d.message and d.code
    if report.errors:
        return
    assert len(directory.offres) == 1 and len(directory.lieux) == 1 and len(directory.structures) == 1
    _check_exports(directory, tmp_path / "export")
    ACCEPTED.append(hostile)


def test_the_fuzz_test_reached_the_exports():
    """The test above checks exports only for accepted examples: make sure there were many."""
    assert len(ACCEPTED) >= 10, ACCEPTED


@settings(max_examples=6, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_accepted_random_text_builds_the_site(base, tmp_path_factory, data):
    """The site build on top (slower: fewer examples); every accepted text appears escaped on its page."""
    from generator.site.build import build_site

    docs = copy.deepcopy(base)
    # Printable text only here: the other characters are refused by the validator (tested above).
    printable = ACCEPTABLE.map(lambda t: "".join(ch for ch in t if ch.isprintable()))
    name = data.draw(printable.filter(lambda t: len(t.strip()) >= 3), label="nom")
    docs["offres/acces-libre.yml"]["nom"] = name
    docs["offres/acces-libre.yml"]["resume"] = data.draw(printable.filter(lambda t: len(t.strip()) >= 10), label="resume")
    docs["lieux.yml"]["lieux"][0]["adresse"] = data.draw(printable.filter(lambda t: t.strip()), label="adresse")
    work = tmp_path_factory.mktemp("site")
    tree = work / "offers"
    _write(tree, docs)
    directory, report = load_directory(tree)
    if report.errors:
        return
    site = work / "site"
    build_site(tree, site, ROOT / "mkdocs.yml")
    page = (site / "offres" / "essai" / "acces-libre" / "index.html").read_text(encoding="utf-8")
    assert f"<h1>{escape(name)}</h1>" in page
    index = json.loads((site / "recherche" / "index.json").read_bytes())
    assert [r["n"] for r in index["offres"] if r["u"] == "essai/acces-libre"] == [name]


def _leaves(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, path + (i,))
    else:
        yield path


SAMPLES = {kind: load_file(str(path), Report()).data for kind, path in (
    ("structure", ROOT / "offers" / "defis" / "structure.yml"),
    ("lieux", ROOT / "offers" / "cyberbase-morlaix" / "lieux.yml"),
    ("offre", ROOT / "offers" / "lamballe-terre-et-mer" / "offres" / "visa-internet-bretagne.yml"))}
# Values aimed at where two regex engines and two format checkers may differ: final newlines, other
# digits, spaces of other scripts, impossible dates, huge and tiny numbers.
TRICKY = st.one_of(
    TEXT,
    st.sampled_from(["29600\n", "29600 ", "２９６００", "٢٩٦٠٠", "2026-02-30", "2026-13-01", "2026-1-01", "20261130", "2026-W48-1",
                     "14:00\n", "24:00", "+33199001234\n", "a@b.fr\n", "a\u00a0b@c.fr", "https://x.fr/\n", "https://x.fr/\u2028",
                     "siege\n", "SIEGE", "sièg", "-", "a--b", "2A004", "97411", "\ufeff29600", "29600\x1c"]),
    st.integers(min_value=-10**15, max_value=10**15), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), st.none(), st.just([]), st.just({}))


def _node(kind, path):
    node = schemas.resolve(schemas.bundled(kind), kind)
    for part in path:
        node = schemas.resolve(node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {}), kind)
    return node


def _near_the_pattern(pattern: str):
    """Values that almost match `pattern`: a match, then something an engine may or may not accept after it."""
    return st.tuples(st.from_regex(pattern.strip("^$"), fullmatch=True),
                     st.sampled_from(["", "\n", " ", "\r\n", "\u00a0", "\u2028", "x"])).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(kind=st.sampled_from(sorted(SAMPLES)), data=st.data())
def test_fast_and_detailed_schema_checks_always_agree(kind, data):
    doc = copy.deepcopy(SAMPLES[kind])
    leaves = list(_leaves(doc))
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        path = data.draw(st.sampled_from(leaves), label="path")
        pattern = _node(kind, path).get("pattern")
        value = TRICKY if not pattern else st.one_of(TRICKY, _near_the_pattern(pattern))
        _set(doc, path, data.draw(value, label="value"))
    fast = schemas.fast(kind).is_valid(doc)
    detailed = next(iter(schemas.detailed(kind).iter_errors(doc)), None) is None
    assert fast == detailed, doc
