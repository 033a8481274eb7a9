"""Orientation pages and files built from the sample directory: partner pages, sheets, rules for the browser."""
import base64
import datetime as dt
import json

import pytest

from generator import geography, referentials
from generator.directory import load_directory
from generator.orientation import assistant
from generator.orientation.communes_file import communes_file
from generator.orientation.search_index import COORD_SCALE, build_index
from generator.site.context import Site
from generator.site.pages import build_pages, generated_files
from generator.site.pages import fiche
from helpers import ROOT

SITE_URL = "https://annuaire-mediation.example.org/"


@pytest.fixture(scope="module")
def directory():
    d, report = load_directory(ROOT / "offers", today=dt.date(2026, 11, 30))
    assert report.errors == 0
    return d


@pytest.fixture(scope="module")
def specs(directory):
    return {s.src_uri: s for s in build_pages(Site(directory, SITE_URL))}


def test_one_sheet_per_offer_with_absolute_qr_target(directory, specs):
    for uid in directory.offres:
        spec = specs[f"offres/{uid}/fiche/index.md"]
        assert spec.context["en_ligne"] == f"{SITE_URL}offres/{uid}/"
        assert spec.context["partage"].startswith("mailto:?subject=")
        assert "\n" not in spec.context["partage"] and " " not in spec.context["partage"]
        # The QR code travels inside the page, as a small PNG (no file per offer to publish).
        png = base64.b64decode(spec.context["qr"]["src"].removeprefix("data:image/png;base64,"))
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) < 1500
        assert int.from_bytes(png[16:20], "big") == spec.context["qr"]["taille"] >= 21 * 4
    # Different targets give different codes.
    codes = {specs[f"offres/{uid}/fiche/index.md"].context["qr"]["src"] for uid in directory.offres}
    assert len(codes) == len(directory.offres)


def test_sheet_without_site_url_says_it_is_relative(directory):
    offre = next(iter(directory.offres.values()))
    spec = fiche.page(offre, {}, None)
    assert spec.context["en_ligne"] == f"/offres/{offre.uid}/" and spec.context["absolu"] is False


def test_generated_files_are_deterministic_and_complete(directory):
    files = generated_files(Site(directory, SITE_URL))
    assert files == generated_files(Site(directory, SITE_URL))
    assert not any(f.endswith("qr.svg") for f in files)
    assert json.loads(files["orienter/regles.json"]) == json.loads(json.dumps(assistant.for_browser()))


def test_partner_pages_for_public_bodies_only(directory, specs):
    kinds = referentials.get("types-partenaires").items
    for kind in kinds:
        assert (f"partenaires/{kind.code}/index.md" in specs) is bool(kind.get("x-organisme"))
    entries = specs["partenaires/index.md"].context["entrees"]
    assert [e["nom"] for e in entries] == [k.label for k in kinds if k.get("x-organisme")]


def _listed(section):
    uids = {o["uid"] for d in section["departements"] for c in d["communes"] for o in c["offres"]}
    return uids | {o["uid"] for o in section["sans_lieu"]}


@pytest.mark.parametrize("kind", ["caf", "dgfip", "france-travail", "prefecture"])
def test_partner_page_offers_by_theme_and_by_orientation(directory, specs, kind):
    ctx = specs[f"partenaires/{kind}/index.md"].context
    themes = {t.code for t in referentials.get("thematiques").items if t.get("x-type-partenaire") == kind}
    assert _listed(ctx["demarches"]) == {o.uid for o in directory.offres.values() if themes & set(o["thematiques"])}
    referred = {o.uid for o in directory.offres.values()
                if any((directory.structure_of(o).partenaire(x["partenaire"]) or {}).get("type") == kind
                       for x in o.get("orientation", ()))}
    assert _listed(ctx["orientation"]) == referred
    for dep in ctx["demarches"]["departements"]:
        for commune in dep["communes"]:
            assert geography.commune(commune["code"]).departement == dep["code"]


def test_dgfip_page_has_the_morlaix_tax_workshop(specs):
    ctx = specs["partenaires/dgfip/index.md"].context
    assert "cyberbase-morlaix/atelier-impots-en-ligne" in _listed(ctx["demarches"])
    assert "cyberbase-morlaix/atelier-impots-en-ligne" in _listed(ctx["orientation"])


def test_index_carries_coordinates_and_adaptations(directory):
    index = build_index(directory)
    adaptation = [c for c, _ in index["facettes"]["adaptation"]]
    for row in index["offres"]:
        offre = directory.offres[row["u"]]
        assert [adaptation[i] for i in row.get("e", [])] == list(offre.get("prises_en_charge", ()))
        coords = {(round(directory.lieux[u]["coordonnees"]["latitude"] * COORD_SCALE),
                   round(directory.lieux[u]["coordonnees"]["longitude"] * COORD_SCALE)) for u in offre.lieux}
        assert {(index["lieux"][v][0], index["lieux"][v][1]) for v in row.get("v", [])} == coords


def decode_communes(data):
    """The communes file as the browser reads it (assets/recherche/communes.js)."""
    rows, lat, lon = {}, 0, 0
    for line in data["communes"].split("\n"):
        f = line.split(";")
        point = None
        if f[3]:
            lat, lon = lat + int(f[3]), lon + int(f[4])
            point = (lat / data["echelle"], lon / data["echelle"])
        rows[f[0]] = {"nom": f[1], "cps": f[2].split() if f[2] else [], "point": point,
                      "epci": data["epci"][int(f[5])][0] if f[5] else None}
    return rows


def test_communes_file_holds_every_commune_of_france():
    rows = decode_communes(communes_file())
    assert len(rows) == len(geography.all_communes())
    for c in geography.all_communes():
        row = rows[c.code]
        assert row["nom"] == c.nom and row["cps"] == list(c.codes_postaux) and row["epci"] == c.epci
        if c.latitude is not None:
            assert abs(row["point"][0] - c.latitude) < 1e-4 and abs(row["point"][1] - c.longitude) < 1e-4
    assert rows["56100"]["nom"] == "Langonnet" and rows["56121"]["cps"] == ["56100"]
    assert ["Lamballe", "22093"] in communes_file()["anciens"]


def test_rules_for_the_browser_carry_slots_levels_and_labels():
    data = assistant.for_browser()
    assert [r["id"] for r in data["regles"]] == [r["id"] for r in assistant.rules()["regles"]]
    assert data["segments"] == {i.code: i.label for i in referentials.get("segments").items}
    levels = {a["code"]: a["niveau"] for a in assistant.question("aisance")["reponses"]}
    assert levels == {"non": 0, "un-peu": 1, "oui": 2} and len(data["niveaux"]) == 3
    saturday = next(a for a in assistant.question("disponibilite")["reponses"] if a["code"] == "samedi")
    assert saturday["masque"] == 0b111 << (5 * 3), "samedi : les trois moments du sixième jour, comme dans l'index"


def test_offers_say_what_comes_next_and_what_they_ask(directory, specs):
    visa = specs["offres/cyberbase-morlaix/visa-internet-bretagne/index.md"].context
    assert [s["uid"] for s in visa["suites"]] == list(directory.offres["cyberbase-morlaix/visa-internet-bretagne"].suites)
    assert visa["niveau"]["code"] == "aucun"
    workshop = specs["offres/cyberbase-morlaix/atelier-profil-competences/index.md"].context
    assert "cyberbase-morlaix/visa-internet-bretagne" in [s["uid"] for s in workshop["avant"]]
    index = build_index(directory)
    rows = index["offres"]
    visa_row = next(r for r in rows if r["u"] == "cyberbase-morlaix/visa-internet-bretagne")
    assert [rows[i]["u"] for i in visa_row["c"]] == [s["uid"] for s in visa["suites"]]
    assert all(r.get("k", 0) == {"aucun": 0, "bases": 1, "autonome": 2}[directory.offres[r["u"]].niveau] for r in rows)


def test_rule_table_reads_like_the_rules():
    table = [r for g in assistant.rule_table() for r in g["regles"]]
    assert [r["id"] for r in table] == [r["id"] for r in assistant.rules()["regles"]]
    assert table[-1]["conditions"] == []

