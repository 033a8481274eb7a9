"""The finer model (issue 14, point 1): hours per venue, pauses, time limit, programmes, planned
status, online contact, members-only offers, activity figures — their rules, and how the pages,
the search index and the exports carry them. Validation runs in this process."""
import csv
import datetime as dt
import io
import json

import pytest

from generator.directory import load_directory
from generator.exports import write_all

TODAY = dt.date(2026, 11, 30)

SECOND_VENUE = """  - id: annexe
    nom: Annexe de la médiathèque
    type: bibliotheque
    adresse: 3 rue de la Gare
    code_postal: "29600"
    commune: Morlaix
    code_insee: "29151"
    coordonnees: {latitude: 48.5790, longitude: -3.8300}
"""

FORMATION = """# yaml-language-server: $schema=../../../schema/offre.schema.json
nom: Premiers pas sur l'ordinateur
resume: Trois séances pour découvrir l'ordinateur, la souris et le clavier.
segment: formation
configuration: programmee
thematiques: [savoirs-de-base]
publics: [seniors]
lieux: [siege]
sessions:
  - debut: "2027-01-12"
    fin: "2027-01-26"
    seances:
      - date: "2027-01-12"
        debut: "09:00"
        fin: "17:00"
        pauses:
          - debut: "12:00"
            fin: "13:00"
      - date: "2027-01-19"
        debut: "09:00"
        fin: "12:00"
duree_totale_heures: 10
nombre_seances: 2
inscription: {obligatoire: true, modalites: [telephoner]}
frais: {type: gratuit}
date_maj: "2026-11-30"
"""


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(path, needle, nth=1):
    seen = 0
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == nth:
                return i
    raise AssertionError(needle)


def _diags(tree, today=TODAY):
    directory, report = load_directory(tree, today=today)
    return directory, [(d.code, d.severity, d.file.rsplit("/", 1)[-1], d.line, d.message) for d in report.diagnostics]


def _codes(diags):
    return {d[0] for d in diags}


@pytest.fixture
def rich(tree):
    """The scaffold with a second venue, an offer with hours per venue and a training with a pause."""
    essai = tree / "essai"
    (essai / "lieux.yml").write_text((essai / "lieux.yml").read_text(encoding="utf-8") + SECOND_VENUE, encoding="utf-8")
    offer = essai / "offres" / "acces-libre.yml"
    _edit(offer, "lieux: [siege]", "lieux: [siege, annexe]")
    _edit(offer, 'horaires: "Tu,Th 14:00-17:00; PH off"', """horaires_par_lieu:
  - lieu: siege
    horaires: "Tu,Th 14:00-17:00; PH off"
  - lieu: annexe
    horaires: "Sa 10:00-12:00; PH off"
    note: Accueil par l'équipe de la médiathèque.
duree_limite: {minutes: 60, quand: quand il y a du monde}
programmes: [conseillers-numeriques, pass-numerique]""")
    _edit(essai / "structure.yml", "partenaires: []", "partenaires:\n  - {id: caf-29, nom: CAF du Finistère, type: caf}")
    (essai / "offres" / "formation.yml").write_text(FORMATION, encoding="utf-8")
    return tree


def test_the_rich_example_is_valid_and_modelled(rich):
    directory, diags = _diags(rich)
    assert [d for d in diags if d[1] == "error"] == [] and "duree-seances" not in _codes(diags)
    o = directory.offres["essai/acces-libre"]
    assert o.hours_by_venue == {"essai/siege": "Tu,Th 14:00-17:00; PH off", "essai/annexe": "Sa 10:00-12:00; PH off"}
    assert o.weekly_hours is None and o.per_venue_hours and len(o.hours_values) == 2


def test_hours_per_venue_must_name_a_venue_of_the_offer(rich):
    offer = rich / "essai" / "offres" / "acces-libre.yml"
    _edit(offer, "  - lieu: annexe", "  - lieu: ailleurs")
    _, diags = _diags(rich)
    assert ("horaires-lieu-inconnu", "error", "acces-libre.yml", _line(offer, "lieu: ailleurs")) in [d[:4] for d in diags]
    # The annexe now has no hours, and the offer has no common hours: said at the annexe's line in `lieux`.
    assert ("horaires-lieu-manquant", "error", "acces-libre.yml", _line(offer, "lieux: [siege, annexe]")) in [d[:4] for d in diags]


def test_a_venue_given_hours_twice(rich):
    offer = rich / "essai" / "offres" / "acces-libre.yml"
    _edit(offer, "  - lieu: annexe", "  - lieu: siege")
    _, diags = _diags(rich)
    assert ("horaires-lieu-double", "error", "acces-libre.yml", _line(offer, "lieu: siege", 2)) in [d[:4] for d in diags]


def test_common_hours_cover_the_venues_without_their_own(rich):
    offer = rich / "essai" / "offres" / "acces-libre.yml"
    _edit(offer, """  - lieu: annexe
    horaires: "Sa 10:00-12:00; PH off"
    note: Accueil par l'équipe de la médiathèque.
""", "")
    _, diags = _diags(rich)
    assert "horaires-lieu-manquant" in _codes(diags)
    _edit(offer, "horaires_par_lieu:", 'horaires: "Mo 09:00-12:00; PH off"\nhoraires_par_lieu:')
    directory, diags = _diags(rich)
    assert [d for d in diags if d[1] == "error"] == []
    assert directory.offres["essai/acces-libre"].hours_by_venue["essai/annexe"] == "Mo 09:00-12:00; PH off"


def test_unreadable_hours_of_a_venue(rich):
    offer = rich / "essai" / "offres" / "acces-libre.yml"
    _edit(offer, '"Sa 10:00-12:00; PH off"', '"samedi matin"')
    _, diags = _diags(rich)
    assert ("horaires", "error", "acces-libre.yml", _line(offer, "samedi matin")) in [d[:4] for d in diags]


def test_pause_outside_its_seance(rich):
    f = rich / "essai" / "offres" / "formation.yml"
    _edit(f, 'fin: "13:00"', 'fin: "17:30"')
    _, diags = _diags(rich)
    found = [d for d in diags if d[0] == "pause"]
    assert found and found[0][3] == _line(f, 'debut: "12:00"') and "entre 09:00 et 17:00" in found[0][4]


def test_overlapping_pauses(rich):
    f = rich / "essai" / "offres" / "formation.yml"
    _edit(f, """            fin: "13:00"
""", """            fin: "13:00"
          - debut: "12:30"
            fin: "14:00"
""")
    _, diags = _diags(rich)
    assert ("pauses-chevauchement", "error", "formation.yml", _line(f, 'debut: "12:30"')) in [d[:4] for d in diags]


def test_pauses_count_in_the_declared_duration(rich):
    f = rich / "essai" / "offres" / "formation.yml"
    # 8 h minus a 1-hour pause, plus 3 h: 10 h as declared. Without the pause, 11 h.
    _edit(f, """        pauses:
          - debut: "12:00"
            fin: "13:00"
""", "")
    _, diags = _diags(rich)
    found = [d for d in diags if d[0] == "duree-seances"]
    assert found and found[0][1] == "warning" and "11 h" in found[0][4] and "10 h" in found[0][4]
    assert found[0][3] == _line(f, '- debut: "2027-01-12"')


def test_time_limit_belongs_to_offers_without_appointment(rich):
    f = rich / "essai" / "offres" / "formation.yml"
    _edit(f, "duree_totale_heures: 10", "duree_totale_heures: 10\nduree_limite: {minutes: 60}")
    _, diags = _diags(rich)
    assert ("duree-limite-programmee", "warning", "formation.yml", _line(f, "duree_limite")) in [d[:4] for d in diags]


def test_planned_offer_says_when_it_opens(rich):
    f = rich / "essai" / "offres" / "formation.yml"
    _edit(f, 'date_maj: "2026-11-30"', 'statut: {etat: prevue}\ndate_maj: "2026-11-30"')
    directory, diags = _diags(rich)
    assert ("prevue-sans-date", "warning") in [d[:2] for d in diags]
    assert directory.offres["essai/formation"].etat == "prevue" and not directory.offres["essai/formation"].active
    _edit(f, "statut: {etat: prevue}", 'statut: {etat: prevue, du: "2026-12-15"}')
    _, diags = _diags(rich)
    assert "prevue-sans-date" not in _codes(diags) and "prevue-passee" not in _codes(diags)
    _, diags = _diags(rich, today=dt.date(2027, 1, 5))
    assert ("prevue-passee", "warning", "formation.yml", _line(f, "statut:")) in [d[:4] for d in diags]
    # The search says « prévue », not « suspendue » (x: 2 rather than 1).
    from generator.orientation.search_index import build_index

    directory, _ = _diags(rich)
    rows = {r["u"]: r for r in build_index(directory)["offres"]}
    assert rows["essai/formation"]["x"] == 2 and "x" not in rows["essai/acces-libre"]


ACTIVITY = """activite:
  - annee: 2025
    personnes: 20
    personnes_par_public:
      - {public: seniors, personnes: 15}
    orientations:
      - {partenaire: caf-29, personnes: 5}
  - annee: 2024
    seances: 30
    heures: 45.5
"""


def _with_activity(tree, text=ACTIVITY):
    f = tree / "essai" / "offres" / "formation.yml"
    _edit(f, 'date_maj: "2026-11-30"', text + 'date_maj: "2026-11-30"')
    return f


def test_activity_figures_are_valid(rich):
    _with_activity(rich)
    directory, diags = _diags(rich)
    assert [d for d in diags if d[1] == "error"] == []
    assert directory.offres["essai/formation"]["activite"][1]["heures"] == 45.5


@pytest.mark.parametrize("old,new,code,needle", [
    ("annee: 2024", "annee: 2025", "activite-annee-double", ("annee: 2025", 2)),
    ("annee: 2024", "annee: 2027", "activite-annee-future", "annee: 2027"),
    ("{public: seniors, personnes: 15}", "{public: seniors, personnes: 25}", "activite-depasse", "personnes_par_public"),
    ("      - {public: seniors, personnes: 15}", "      - {public: seniors, personnes: 5}\n      - {public: seniors, personnes: 6}",
     "activite-doublon", "personnes: 6"),
    ("{partenaire: caf-29, personnes: 5}", "{partenaire: cpam-29, personnes: 5}", "partenaire-inconnu", "cpam-29"),
    ("    seances: 30\n    heures: 45.5\n", "", "schema-minProperties", "annee: 2024"),
    ("public: seniors", "public: retraites", "valeur-inconnue", "retraites"),
])
def test_activity_figures_that_do_not_add_up(rich, old, new, code, needle):
    f = _with_activity(rich, ACTIVITY.replace(old, new))
    _, diags = _diags(rich)
    found = [d for d in diags if d[0] == code]
    assert found, diags
    needle, nth = needle if isinstance(needle, tuple) else (needle, 1)
    assert found[0][2] == "formation.yml" and found[0][3] == _line(f, needle, nth), found


def test_exports_carry_the_finer_model(rich, tmp_path):
    essai = rich / "essai"
    _edit(essai / "structure.yml", "contact:\n", """contact:
  en_ligne:
    - {mode: prise-rendez-vous, lien: "https://rdv.essai.example.org/"}
""")
    _edit(essai / "offres" / "formation.yml", "frais: {type: gratuit}", "frais: {type: adhesion}\nreserve_adherents: true")
    directory, diags = _diags(rich)
    assert [d for d in diags if d[1] == "error"] == []
    write_all(directory, tmp_path)
    services = {s["id"]: s for s in json.loads((tmp_path / "data-inclusion/services.json").read_text(encoding="utf-8"))}
    base = "annuaire-mediation-numerique--essai--acces-libre"
    assert set(services) == {f"{base}--essai--siege", f"{base}--essai--annexe", "annuaire-mediation-numerique--essai--formation"}
    assert services[f"{base}--essai--annexe"]["horaires_accueil"] == "Sa 10:00-12:00; PH off"
    assert services[f"{base}--essai--annexe"]["adresse"] == "3 rue de la Gare"
    assert services[f"{base}--essai--siege"]["horaires_accueil"] == "Tu,Th 14:00-17:00; PH off"
    assert "Durée limitée à 60 minutes par personne quand il y a du monde" in services[f"{base}--essai--siege"]["conditions_acces"]
    training = services["annuaire-mediation-numerique--essai--formation"]
    assert training["conditions_acces"].startswith("Réservé aux adhérents")
    assert training["lien_mobilisation"] == "https://rdv.essai.example.org/"
    assert "utiliser-lien-mobilisation" in training["modes_mobilisation"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((tmp_path / "lieux-de-mediation-numerique.csv").read_text(encoding="utf-8")))}
    assert rows["essai--annexe"]["horaires"] == "Sa 10:00-12:00; PH off"
    assert rows["essai--siege"]["dispositif_programmes_nationaux"] == "Conseillers numériques"
    assert rows["essai--siege"]["prise_rdv"] == "https://rdv.essai.example.org/"
    offres = {r["id"]: r for r in csv.DictReader(io.StringIO((tmp_path / "offres.csv").read_text(encoding="utf-8-sig")))}
    assert offres["essai/acces-libre"]["horaires_par_lieu"] == ("Locaux de la structure : Tu,Th 14:00-17:00; PH off | "
                                                                 "Annexe de la médiathèque : Sa 10:00-12:00; PH off")
    assert offres["essai/acces-libre"]["duree_limite_minutes"] == "60"
    assert offres["essai/acces-libre"]["programmes"] == "Conseillers numériques | Pass numérique"
    assert offres["essai/formation"]["reserve_adherents"] == "oui"
    ics = (tmp_path / "ical/offres/essai--formation.ics").read_text(encoding="utf-8")
    assert "Pause : 12:00-13:00." in ics.replace("\r\n ", "")


def test_search_index_opens_the_offer_when_one_venue_is_open(rich):
    from generator.orientation.search_index import build_index

    directory, _ = _diags(rich)
    row = next(r for r in build_index(directory)["offres"] if r["u"] == "essai/acces-libre")
    # Tuesday and Thursday afternoons at the main venue, Saturday morning at the annexe.
    assert row["h"] == [[1 * 1440 + 14 * 60, 1 * 1440 + 17 * 60], [3 * 1440 + 14 * 60, 3 * 1440 + 17 * 60],
                        [5 * 1440 + 10 * 60, 5 * 1440 + 12 * 60]]
    # Programme names are searchable words of the offer (« pass numérique » finds it).
    index = build_index(directory)
    row = next(r for r in index["offres"] if r["u"] == "essai/acces-libre")
    assert {"conseillers", "pass"} <= {index["mots"][i] for i in row.get("w", ())}
    assert not {"conseillers", "pass"} & {index["mots"][i] for r in index["offres"] if r["u"] != "essai/acces-libre" for i in r.get("w", ())}


def test_printed_sheet_gives_each_venue_its_hours_on_one_line(sample_site, sample_day):
    """The sheet handed to a person lists every venue of the Lamballe accès libre with its hours of the
    week, recomputed here from the YAML with the opening_hours library."""
    import re
    from html import unescape

    import recount
    from helpers import ROOT

    sample = recount.load(ROOT / "offers", sample_day)
    offre = sample.offres["lamballe-terre-et-mer/acces-libre"]
    html = (sample_site / "offres/lamballe-terre-et-mer/acces-libre/fiche/index.html").read_text(encoding="utf-8")
    listed = html.split('<ul class="annuaire-horaires-lieux">', 1)[1].split("</ul>", 1)[0]
    lines = {unescape(name): unescape(text) for name, text in re.findall(r"<li><strong>([^<]+)</strong> \([^)]*\) : ([^<]*)</li>", listed)}
    monday = sample_day - dt.timedelta(days=sample_day.weekday())
    days = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

    def clock(t):
        return f"{t.hour} h" + (f" {t.minute:02d}" if t.minute else "")

    expected = {}
    for entry in offre["horaires_par_lieu"]:
        parts = []
        for i, day in enumerate(days):
            start = dt.datetime.combine(monday + dt.timedelta(days=i), dt.time(0))
            spans = [f"{clock(a)} – {clock(b)}" for a, b, state, _ in recount.oh(entry["horaires"]).intervals(start, start + dt.timedelta(days=1))
                     if state == recount.opening_hours.State.OPEN]
            if spans:
                parts.append(f"{day} {', '.join(spans)}")
        expected[sample.lieux[f"lamballe-terre-et-mer/{entry['lieu']}"]["nom"]] = " ; ".join(parts) or "fermé cette semaine"
    assert len(expected) == 9 and lines == expected


def test_sample_pages_show_programmes_members_only_online_contacts_and_pauses(sample_site, sample_day):
    """On the sample's built pages, from the YAML: each programme by its referential name, « Réservé aux
    adhérents », each online contact with its mode's name, and séance pauses among the séance's hours."""
    import re
    from html import unescape

    import recount
    from helpers import ROOT

    sample = recount.load(ROOT / "offers", sample_day)
    labels = {r: {i["const"]: i["title"] for i in recount.referential(r)} for r in ("programmes", "modes-contact")}

    def clock(hhmm):
        h, m = hhmm.split(":")
        return f"{int(h)} h" + (f" {m}" if m != "00" else "")

    seen = {"programmes": 0, "adherents": 0, "en_ligne": 0, "pauses": 0}
    for uid, o in sample.offres.items():
        html = unescape((sample_site / "offres" / uid / "index.html").read_text(encoding="utf-8"))
        if o.get("programmes"):
            shown = re.search(r"<dt>Programmes?</dt><dd>(.*?)</dd>", html).group(1)
            assert re.findall(r"<abbr [^>]*>([^<]+)</abbr>", shown) == [labels["programmes"][p] for p in o["programmes"]], uid
            seen["programmes"] += 1
        assert ("<strong>Réservé aux adhérents</strong>" in html) == bool(o.get("reserve_adherents")), uid
        seen["adherents"] += bool(o.get("reserve_adherents"))
        for e in (o.get("contact") or {}).get("en_ligne", ()):
            assert f'{labels["modes-contact"][e["mode"]]} : <a href="{e["lien"]}">' in html, uid
            seen["en_ligne"] += 1
        pauses = {f'{clock(p["debut"])} – {clock(p["fin"])}' for s in o.get("sessions", ()) for x in s.get("seances", ())
                  for p in x.get("pauses", ())}
        shown = {p for group in re.findall(r"\(pause ([^)]*)\)", html) for p in group.split(", ")}
        assert shown <= pauses, uid
        seen["pauses"] += len(shown)
    assert all(seen.values()), seen
