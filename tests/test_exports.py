"""Open-data exports on the real sample (`offers/`): official validators, counts, determinism."""
import csv
import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import frictionless
import icalendar
import jsonschema
import pytest
import referencing
import yaml

from generator import referentials
from generator.directory import load_directory
from generator.exports import FILES, atom, write_all
from generator.exports.mednum import COLUMNS
from helpers import STANDARDS, run_cli

ROOT = Path(__file__).resolve().parent.parent


MEDNUM_SCHEMA = STANDARDS / "mednum-lieux-v1.0.2" / "schema.json"
DI_DIR = STANDARDS / "data-inclusion-v1"
SCHEMA_DIR = ROOT / "schema"
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://annuaire-mediation.example.org/"


@pytest.fixture(scope="module")
def sample():
    directory, report = load_directory(ROOT / "offers")
    assert report.errors == 0, "the sample data must be valid for these tests"
    return directory


@pytest.fixture(scope="module")
def exported(sample, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    counts = write_all(sample, out, SITE)
    return out, counts


def _service_ids(sample) -> dict:
    """Expected data·inclusion service id → offer: one per offer, one per venue when its hours change by venue."""
    out = {}
    for uid, o in sample.offres.items():
        base = "annuaire-mediation-numerique--" + uid.replace("/", "--")
        for venue in (o.lieux if o.get("horaires_par_lieu") else (None,)):
            out[base + ("--" + venue.replace("/", "--") if venue else "")] = o
    return out


def _di_validator(name):
    schema = json.loads((DI_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_mednum_csv_passes_frictionless_with_the_official_schema(exported):
    out, counts = exported
    with frictionless.system.use_context(trusted=True):
        report = frictionless.validate(str(out / "lieux-de-mediation-numerique.csv"), schema=str(MEDNUM_SCHEMA))
    errors = [e.message for task in report.tasks for e in task.errors]
    assert errors == [] and report.valid
    assert counts["lieux-de-mediation-numerique.csv"] > 0


def test_mednum_columns_are_the_standards_in_order(exported):
    official = [f["name"] for f in json.loads(MEDNUM_SCHEMA.read_text(encoding="utf-8"))["fields"]]
    assert list(COLUMNS) == official
    with open(exported[0] / "lieux-de-mediation-numerique.csv", encoding="utf-8", newline="") as f:
        assert next(csv.reader(f)) == official


def test_mednum_rows_map_our_codes_through_the_referentials(sample, exported):
    rows = list(csv.DictReader(open(exported[0] / "lieux-de-mediation-numerique.csv", encoding="utf-8", newline="")))
    assert {r["id"].replace("--", "/") for r in rows} >= set(sample.lieux)  # every venue has its row
    services = {i.get("x-mednum-service") for i in referentials.get("thematiques").items}
    for row in rows:
        uid = row["id"].replace("--", "/")
        if uid not in sample.lieux:
            continue
        offres = [o for o in sample.offres_at(uid) if o.structure_id == sample.lieux[uid].structure_id]
        expected = {referentials.get("thematiques")[t].get("x-mednum-service") for o in offres for t in o["thematiques"]}
        got = set(filter(None, row["services"].split("|")))
        assert got == expected and got <= services
        dates = [sample.structures[sample.lieux[uid].structure_id]["date_maj"]] + [o["date_maj"] for o in offres]
        assert row["date_maj"] == max(dates)
        assert "**" not in row["presentation_detail"]


def test_data_inclusion_objects_validate_against_official_schemas(sample, exported):
    out, counts = exported
    for name, file in (("structure", "structures"), ("service", "services")):
        data = json.loads((out / "data-inclusion" / f"{file}.json").read_text(encoding="utf-8"))
        validator = _di_validator(name)
        errors = [f"{obj['id']}: {e.message}" for obj in data for e in validator.iter_errors(obj)]
        assert errors == []
    services = json.loads((out / "data-inclusion/services.json").read_text(encoding="utf-8"))
    assert sorted(s["id"] for s in services) == sorted(_service_ids(sample))
    assert len(_service_ids(sample)) > len(sample.offres), "the sample should have an offer with hours per venue"
    structures = json.loads((out / "data-inclusion/structures.json").read_text(encoding="utf-8"))
    assert {s["id"] for s in structures} == {f"annuaire-mediation-numerique--{sid}" for sid in sample.structures}
    assert {s["structure_id"] for s in services} <= {s["id"] for s in structures}


def test_data_inclusion_mobilisation_follows_orientation(sample, exported):
    services = {s["id"]: s for s in json.loads((exported[0] / "data-inclusion/services.json").read_text(encoding="utf-8"))}
    oriented = 0
    for sid, o in _service_ids(sample).items():
        s = services[sid]
        modalites = o["inscription"]["modalites"]
        assert ("professionnels" in s["mobilisable_par"]) == bool(o.get("orientation") or "fiche-prescription" in modalites)
        assert ("usagers" in s["mobilisable_par"]) == any(m != "fiche-prescription" for m in modalites)
        assert s["type"] == referentials.get("segments")[o["segment"]].get("x-data-inclusion-type")
        oriented += bool(o.get("orientation"))
    assert oriented > 0, "the sample should contain offers with partner referral"


def _annuaire_validator():
    def retrieve(uri):
        path = SCHEMA_DIR / uri.removeprefix("file://" + SCHEMA_DIR.as_posix() + "/")
        return referencing.Resource.from_contents(json.loads(path.read_text(encoding="utf-8")))

    root = (SCHEMA_DIR / "annuaire.schema.json").as_uri()
    registry = referencing.Registry(retrieve=retrieve)
    return jsonschema.Draft202012Validator({"$ref": root}, registry=registry,
                                           format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_annuaire_json_validates_against_its_schema(sample, exported):
    doc = json.loads((exported[0] / "annuaire.json").read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _annuaire_validator().iter_errors(doc)]
    assert errors == []
    assert [o["id"] for o in doc["offres"]] == list(sample.offres)
    assert [l["id"] for l in doc["lieux"]] == list(sample.lieux)


def test_annuaire_schema_rejects_a_broken_document(exported):
    doc = json.loads((exported[0] / "annuaire.json").read_text(encoding="utf-8"))
    doc["offres"][0]["donnees"]["segment"] = "inconnu"
    del doc["lieux"][0]["structure"]
    assert len(list(_annuaire_validator().iter_errors(doc))) >= 2


def _expected_seances(directory):
    """The dated séances read straight from the YAML files, not through the model."""
    expected = set()
    for path in sorted((ROOT / "offers").glob("*/offres/*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        uid = f"{path.parent.parent.name}/{path.stem}"
        for session in data.get("sessions", []) or []:
            for s in session.get("seances", []) or []:
                expected.add((uid, str(s["date"]), str(s["debut"]), str(s["fin"])))
    return expected


def _parse_events(path):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    assert cal["version"] == "2.0" and cal.get("prodid")
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    out = []
    for ev in cal.walk("VEVENT"):
        start, end = ev.decoded("dtstart"), ev.decoded("dtend")
        assert str(start.tzinfo) == "Europe/Paris" and end > start
        uid = str(ev["uid"])
        assert uid.endswith("@annuaire-mediation")
        structure, offre = uid.split("--")[:2]
        out.append((f"{structure}/{offre}", start.date().isoformat(), start.strftime("%H:%M"), end.strftime("%H:%M"), uid))
    return out


def test_ical_contains_exactly_the_dated_seances(sample, exported):
    out, counts = exported
    expected = _expected_seances(sample)
    assert expected, "the sample should contain dated séances"
    events = _parse_events(out / "ical/annuaire.ics")
    assert {e[:4] for e in events} == expected
    assert len(events) == len(expected) == counts["ical/annuaire.ics"]
    assert len({e[4] for e in events}) == len(events), "UIDs must be unique"
    per_offer = set()
    for path in sorted((out / "ical/offres").glob("*.ics")):
        per_offer |= {e[:4] for e in _parse_events(path)}
    assert per_offer == expected
    per_structure = set()
    for path in sorted((out / "ical/structures").glob("*.ics")):
        evs = _parse_events(path)
        assert {e[0].split("/")[0] for e in evs} == {path.stem}
        per_structure |= {e[:4] for e in evs}
    assert per_structure == expected


def test_ical_dtstamp_comes_from_the_data(sample, exported):
    cal = icalendar.Calendar.from_ical((exported[0] / "ical/annuaire.ics").read_bytes())
    for ev in cal.walk("VEVENT"):
        uid = str(ev["uid"]).split("@")[0].split("--")
        offre = sample.offres[f"{uid[0]}/{uid[1]}"]
        assert ev.decoded("dtstamp") == dt.datetime.combine(dt.date.fromisoformat(offre["date_maj"]), dt.time(0), dt.timezone.utc)


def _feed(path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}id").text.startswith("urn:uuid:")
    entries = root.findall(f"{ATOM}entry")
    for e in entries:
        for tag in ("id", "title", "updated", "author", "content"):
            assert e.find(f"{ATOM}{tag}") is not None, tag
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    if entries:
        assert root.find(f"{ATOM}updated").text == updated[0]
    return entries


def test_atom_feeds_hold_the_latest_offers(sample, exported):
    out, counts = exported
    entries = _feed(out / atom.ALL)
    assert len(entries) == min(atom.LIMIT, len(sample.offres))
    newest = max(o["date_maj"] for o in sample.offres.values())
    assert entries[0].find(f"{ATOM}updated").text == f"{newest}T00:00:00Z"
    for item in referentials.get("segments").items:
        seg_entries = _feed(out / f"flux/segments/{item.code}.xml")
        assert len(seg_entries) == min(atom.LIMIT, sum(o["segment"] == item.code for o in sample.offres.values()))
        assert all(e.find(f"{ATOM}category").get("term") == item.code for e in seg_entries)
    deps = sorted((out / "flux/departements").glob("*.xml"))
    assert deps and all(_feed(p) for p in deps)


def test_geojson_and_offres_csv_cover_every_venue_and_offer(sample, exported):
    out, counts = exported
    gj = json.loads((out / "lieux.geojson").read_text(encoding="utf-8"))
    assert [f["id"] for f in gj["features"]] == list(sample.lieux)
    listed = {o["id"] for f in gj["features"] for o in f["properties"]["offres"]}
    assert listed == {uid for uid, o in sample.offres.items() if o.lieux}
    for f in gj["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 41 < lat < 52 and -6 < lon < 10
    raw = (out / "offres.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["id"] for r in rows] == list(sample.offres) and counts["offres.csv"] == len(rows)


def test_counts_and_files_are_documented(exported):
    out, counts = exported
    for name, count in counts.items():
        assert (out / name).is_file(), name
    fixed = [n for n in FILES if "<" not in n]
    assert set(fixed) <= set(counts)
    for meta in FILES.values():
        assert meta["titre"] and meta["description"] and meta["format"]


def test_exports_are_deterministic(sample, exported, tmp_path):
    again = tmp_path / "again"
    write_all(sample, again, SITE)
    first = {p.relative_to(exported[0]).as_posix(): p.read_bytes() for p in sorted(exported[0].rglob("*")) if p.is_file()}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in sorted(again.rglob("*")) if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_stale_per_offer_files_are_removed(sample, tmp_path):
    out = tmp_path / "out"
    stale = out / "ical/offres/ancienne--offre.ics"
    stale.parent.mkdir(parents=True)
    stale.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    keep = out / "notes.txt"
    keep.write_text("à garder")
    write_all(sample, out)
    assert not stale.exists() and keep.exists()


def test_export_command_refuses_invalid_data(tree, tmp_path):
    (tree / "essai" / "lieux.yml").write_text("lieux:\n  - id: siege\n", encoding="utf-8")
    proc = run_cli("export", str(tree), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "Export annulé" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_export_command_on_a_fresh_scaffold(tree, tmp_path):
    proc = run_cli("export", str(tree), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert "offres.csv : 1 offres" in proc.stdout
    assert (tmp_path / "out/ical/annuaire.ics").is_file()


def test_data_inclusion_hours_parse_and_list_coming_seances(sample, exported):
    from generator import schedule

    services = {s["id"]: s for s in json.loads((exported[0] / "data-inclusion/services.json").read_text(encoding="utf-8"))}
    dated = 0
    for sid, o in _service_ids(sample).items():
        uid = o.uid
        hours = services[sid]["horaires_accueil"]
        if hours is None:
            continue
        assert schedule.syntax_error(hours) is None, hours
        if o.get("sessions") and not o.get("horaires") and not o.get("recurrence"):
            dated += 1
            oh = schedule.parse(hours)
            for session in o["sessions"]:
                for s in session.get("seances", []):
                    if s["date"] >= sample.today.isoformat():
                        start = dt.datetime.fromisoformat(f"{s['date']}T{s['debut']}") + dt.timedelta(minutes=1)
                        assert oh.is_open(start), (uid, s)
    assert dated > 0


def test_records_and_feed_entries_link_to_their_page(sample, exported):
    out, _ = exported
    services = json.loads((out / "data-inclusion/services.json").read_text(encoding="utf-8"))
    assert sorted(s["lien_source"] for s in services) == sorted(f"{SITE}offres/{o.uid}/" for o in _service_ids(sample).values())
    structures = json.loads((out / "data-inclusion/structures.json").read_text(encoding="utf-8"))
    assert sorted(s["lien_source"] for s in structures) == sorted(f"{SITE}structures/{sid}/" for sid in sample.structures)
    feed = ET.parse(out / "flux/offres.xml").getroot()
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert links and all(link.startswith(SITE + "offres/") for link in links)


def test_without_a_site_address_no_link_is_invented(sample, tmp_path):
    write_all(sample, tmp_path)
    services = json.loads((tmp_path / "data-inclusion/services.json").read_text(encoding="utf-8"))
    assert all(s["lien_source"] is None for s in services)
    feed = ET.parse(tmp_path / "flux/offres.xml").getroot()
    assert all(e.find(f"{ATOM}link") is None for e in feed.findall(f"{ATOM}entry"))
