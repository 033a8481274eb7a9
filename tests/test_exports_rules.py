"""Export rules on small hand-made cases: hours union, Markdown to text, shared venues."""
import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import frictionless
import pytest

from generator import referentials, schedule
from generator.directory import load_directory
from generator.exports import common, write_all
from generator.markdown import plain_text
from generator.text import shorten
from helpers import STANDARDS


MEDNUM_SCHEMA = STANDARDS / "mednum-lieux-v1.0.2" / "schema.json"
TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize("values", [
    ["Tu,Th 14:00-17:00; PH off", "Tu 09:00-12:00; We 10:00-12:00; PH off"],
    ["Mo-We 09:00-12:00", "Th,Fr 09:00-12:00; Sa 10:00-12:30"],
    ["Mo 09:00-12:00", "Tu 10:00-12:00; Mo 14:00-16:00"],
    ["Mo-Fr 08:30-12:00,13:30-17:30", "We 11:00-14:00"],
])
def test_union_of_hours_is_open_exactly_when_one_of_them_is(values):
    union = schedule.union_hours(values, TODAY)
    assert schedule.syntax_error(union) is None, union
    start, _ = schedule.reference_week(TODAY)
    merged, parts = schedule.parse(union), [schedule.parse(v) for v in values]
    for step in range(7 * 24 * 4):
        when = start + dt.timedelta(minutes=15 * step + 1)
        assert merged.is_open(when) == any(p.is_open(when) for p in parts), (union, when)


def test_union_keeps_public_holidays_closed_only_when_all_do():
    assert schedule.union_hours(["Mo 09:00-12:00; PH off", "Tu 09:00-12:00; PH off"], TODAY).endswith("; PH off")
    assert "PH" not in schedule.union_hours(["Mo 09:00-12:00; PH off", "Tu 09:00-12:00"], TODAY)
    assert schedule.union_hours(["Mo-We 09:00-12:00", "Th,Fr 09:00-12:00"], TODAY) == "Mo-Fr 09:00-12:00"
    assert schedule.union_hours(["Sa 10:00-12:00"], TODAY) == "Sa 10:00-12:00"
    assert schedule.union_hours([], TODAY) is None


def test_markdown_becomes_plain_text():
    text = plain_text("La **Cyberbase** de *Morlaix* ([site](https://exemple.example.org/)) :\n- accès_libre ;\n- ateliers")
    assert text == "La Cyberbase de Morlaix (site (https://exemple.example.org/)) : • accès_libre ; • ateliers"


def test_shortened_text_fits_and_says_it_was_cut():
    text = shorten("mot " * 200, 280)
    assert len(text) <= 280 and text.endswith("…")


def test_labels_mapped_to_data_inclusion_are_known_networks():
    enum = json.loads((STANDARDS / "data-inclusion-v1/structure.json").read_text(encoding="utf-8"))["$defs"]["ReseauPorteur"]["enum"]
    mapped = [i.get("x-data-inclusion") for i in referentials.get("labels").items if i.get("x-data-inclusion")]
    assert mapped and set(mapped) <= set(enum)


def test_a_venue_shared_by_two_structures_gives_one_row_each(tree, tmp_path):
    other = tree / "autre"
    shutil.copytree(tree / "essai", other)
    offer = other / "offres" / "acces-libre.yml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("lieux: [siege]", "lieux: [essai/siege]")
                     .replace('horaires: "Tu,Th 14:00-17:00; PH off"', 'horaires: "We 10:00-12:00; PH off"'), encoding="utf-8")
    lieux = tree / "essai" / "lieux.yml"
    lieux.write_text("\n".join(l for l in lieux.read_text(encoding="utf-8").splitlines() if "horaires" not in l) + "\n", encoding="utf-8")
    directory, report = load_directory(tree)
    assert report.errors == 0, report.sorted()
    out = tmp_path / "out"
    counts = write_all(directory, out)
    with frictionless.system.use_context(trusted=True):
        result = frictionless.validate(str(out / "lieux-de-mediation-numerique.csv"), schema=str(MEDNUM_SCHEMA))
    assert result.valid, [e.message for t in result.tasks for e in t.errors]
    rows = {r["id"]: r for r in csv.DictReader(open(out / "lieux-de-mediation-numerique.csv", encoding="utf-8", newline=""))}
    assert set(rows) == {"essai--siege", "autre--essai--siege", "autre--siege"}
    assert counts["lieux-de-mediation-numerique.csv"] == 3
    # The venue has no hours of its own: each row shows its structure's offers' hours.
    assert rows["essai--siege"]["horaires"] == "Tu,Th 14:00-17:00; PH off"
    assert rows["autre--essai--siege"]["horaires"] == "We 10:00-12:00; PH off"
    assert rows["autre--siege"]["services"] == ""
    feature = next(f for f in json.loads((out / "lieux.geojson").read_text(encoding="utf-8"))["features"] if f["id"] == "essai/siege")
    assert {o["id"] for o in feature["properties"]["offres"]} == {"essai/acces-libre", "autre/acces-libre"}
    assert feature["properties"]["horaires"] == schedule.union_hours(["Tu,Th 14:00-17:00; PH off", "We 10:00-12:00; PH off"], directory.today)


def test_ical_text_survives_escaping_and_folding(tree, tmp_path):
    import icalendar

    theme = "Café, courriel ; sauvegarde \\ « données » — " + "é" * 60
    (tree / "essai" / "offres" / "atelier.yml").write_text(f"""\
nom: "Atelier : courriel, agenda; photos"
resume: Un atelier pour apprendre à utiliser son courriel au quotidien.
segment: atelier
configuration: programmee
thematiques: [internet-courriel]
publics: [seniors]
lieux: [siege]
sessions:
  - debut: "2027-03-01"
    fin: "2027-03-31"
    places: 8
    seances:
      - {{date: "2027-03-02", debut: "14:00", fin: "16:00", theme: {json.dumps(theme, ensure_ascii=False)}}}
      - {{date: "2027-03-30", debut: "09:30", fin: "11:00"}}
inscription: {{obligatoire: true, modalites: [telephoner]}}
frais: {{type: gratuit}}
date_maj: "2026-11-02"
""", encoding="utf-8")
    directory, report = load_directory(tree)
    assert report.errors == 0, report.sorted()
    out = tmp_path / "out"
    write_all(directory, out)
    raw = (out / "ical/offres/essai--atelier.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    events = sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [str(e["summary"]) for e in events] == [f"Atelier : courriel, agenda; photos : {theme}", "Atelier : courriel, agenda; photos"]
    # 30 March 2027 is after the switch to summer time: the local hour must stay 09:30.
    assert events[1].decoded("dtstart").utcoffset() == dt.timedelta(hours=2)
    assert events[1].decoded("dtstart").strftime("%H:%M") == "09:30"
    assert events[0].decoded("dtstart").utcoffset() == dt.timedelta(hours=1)
    assert str(events[0]["uid"]) == "essai--atelier--2027-03-02-1400@annuaire-mediation"
    assert events[0].decoded("dtstamp") == dt.datetime(2026, 11, 2, tzinfo=dt.timezone.utc)


def test_hostile_text_keeps_every_file_well_formed(tree, tmp_path):
    import xml.etree.ElementTree as ET

    import icalendar

    offer = tree / "essai" / "offres" / "acces-libre.yml"
    offer.write_text(offer.read_text(encoding="utf-8")
                     .replace("nom: Accès libre accompagné", 'nom: "=HYPERLINK(\\"x\\") <b>gras</b> & co ]]>"'), encoding="utf-8")
    directory, report = load_directory(tree)
    assert report.errors == 0, report.sorted()
    out = tmp_path / "out"
    write_all(directory, out)
    title = ET.parse(out / "flux/offres.xml").getroot().find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title").text
    assert "<b>gras</b> & co ]]>" in title
    icalendar.Calendar.from_ical((out / "ical/annuaire.ics").read_bytes())
    services = json.loads((out / "data-inclusion/services.json").read_text(encoding="utf-8"))
    assert services[0]["nom"].startswith("=HYPERLINK")
    rows = list(csv.DictReader((out / "offres.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0]["nom"].startswith("'=HYPERLINK")  # neutralised for spreadsheets
    with frictionless.system.use_context(trusted=True):
        assert frictionless.validate(str(out / "lieux-de-mediation-numerique.csv"), schema=str(MEDNUM_SCHEMA)).valid
