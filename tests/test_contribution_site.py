"""Contributing without Git and the public-service pages, without a browser: the form fields follow
the schemas, the forge links follow mkdocs.yml, and the legal pages build from other settings."""
import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from mkdocs.exceptions import PluginError

from generator import referentials, schemas
from generator.site import forge, form_fields
from generator.site.pages import service_public
from helpers import ROOT


# --- the form follows the schemas -------------------------------------------------------------------
def _walk(fields, path=()):
    for f in fields:
        yield path + (f["cle"],), f
        yield from _walk(f.get("champs", ()), path + (f["cle"],))


def _schema_paths(node, kind, path=()):
    node, _ = form_fields._resolve(node, kind)
    if node.get("type") == "array":
        node, _ = form_fields._resolve(node.get("items", {}), kind)
    for name, prop in node.get("properties", {}).items():
        if name in form_fields.SKIPPED:
            continue
        yield path + (name,)
        yield from _schema_paths(prop, kind, path + (name,))


@pytest.mark.parametrize("kind", list(schemas.KINDS))
def test_every_schema_property_has_its_field_and_no_other(kind):
    form = form_fields.form(kind)
    assert {p for p, _ in _walk(form["champs"])} == set(_schema_paths(schemas.bundled(kind), kind))
    for _, f in _walk(form["champs"]):
        assert f["titre"] and f["titre"] != f["cle"], f"{kind} {f['cle']} : pas de titre en français dans le schéma"


@pytest.mark.parametrize("kind", list(schemas.KINDS))
def test_choices_are_the_referentials(kind):
    by_codes = {referentials.get(n).codes: n for n in referentials.names()}
    seen = 0
    for _, f in _walk(form_fields.form(kind)["champs"]):
        if "options" in f:
            codes = tuple(o["code"] for o in f["options"])
            name = by_codes[codes]
            assert [o["titre"] for o in f["options"]] == [i.label for i in referentials.get(name).items]
            seen += 1
    assert seen


def test_references_to_venues_and_partners_exist_in_the_schema():
    paths = {p for p, _ in _walk(form_fields.form("offre")["champs"])}
    assert set(form_fields.REFERENCES["offre"]) <= paths


def test_special_widgets_and_constraints():
    fields = dict(_walk(form_fields.form("offre")["champs"]))
    assert fields[("horaires",)]["type"] == "horaires"
    assert fields[("recurrence", "horaires")]["type"] == "horaires"
    assert fields[("sessions", "seances", "debut")]["type"] == "heure"
    assert fields[("date_maj",)]["type"] == "date" and fields[("date_maj",)]["requis"]
    assert fields[("inscription", "obligatoire")]["type"] == "oui-non"
    assert fields[("a_distance",)]["type"] == "case"
    assert fields[("nom",)]["minLength"] == schemas.bundled("offre")["properties"]["nom"]["minLength"]
    segments = {o["code"]: o for o in fields[("segment",)]["options"]}
    assert all(segments[i.code].get("configuration") == i.get("x-configuration") for i in referentials.get("segments").items)


# --- forge links -------------------------------------------------------------------------------------
def test_forge_addresses():
    f = forge.Forge("https://github.com/o/r", "dev")
    assert f.edit("offers/a b/x.yml") == "https://github.com/o/r/edit/dev/offers/a%20b/x.yml"
    new = f.new_file("offers/s/offres/o.yml", 'nom: "É & 14:00"\n')
    q = parse_qs(urlsplit(new).query)
    assert new.startswith("https://github.com/o/r/new/dev?") and q == {"filename": ["offers/s/offres/o.yml"], "value": ['nom: "É & 14:00"\n']}
    report = parse_qs(urlsplit(f.report("https://site/x/", "offers/s/lieux.yml", "Lieu")).query)
    assert report["template"] == [forge.REPORT_TEMPLATE] and report["fichier"] == ["offers/s/lieux.yml"]


@pytest.mark.parametrize("edit_uri, branch", [("edit/main/docs/", "main"), ("edit/production/docs/", "production"),
                                              ("blob/dev/docs/", "dev"), ("-/edit/trunk/docs/", "trunk"), (None, "main"), ("", "main")])
def test_branch_from_edit_uri(edit_uri, branch):
    assert forge.branch_of(edit_uri) == branch


def test_no_repository_no_links():
    assert forge.from_config({"repo_url": None}) is None
    assert forge.page_links(None, "p", "f", "n") is None
    assert forge.from_config({"repo_url": "https://github.com/o/r.git/", "edit_uri": "edit/x/docs/"}) == forge.Forge("https://github.com/o/r", "x")


def test_repository_path_of_data_files(tmp_path):
    inside = ROOT / "offers" / "defis" / "lieux.yml"
    assert forge.repository_path(inside, ROOT / "offers", ROOT) == "offers/defis/lieux.yml"
    elsewhere = tmp_path / "arbre" / "s" / "offres" / "o.yml"
    assert forge.repository_path(elsewhere, tmp_path / "arbre", ROOT) == "offers/s/offres/o.yml"


def test_issue_forms_are_well_formed():
    folder = ROOT / ".github" / "ISSUE_TEMPLATE"
    for name in (forge.REPORT_TEMPLATE, forge.STRUCTURE_TEMPLATE):
        form = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        assert form["name"] and form["description"] and form["body"]
        ids = [b["id"] for b in form["body"] if "id" in b]
        assert len(ids) == len(set(ids))
        for block in form["body"]:
            assert block["type"] in ("markdown", "input", "textarea", "dropdown", "checkboxes")
            assert block["type"] == "markdown" or block["attributes"]["label"]
    config = yaml.safe_load((folder / "config.yml").read_text(encoding="utf-8"))
    site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    assert config["contact_links"][0]["url"] == site_url + "contact/"


# --- public-service settings -------------------------------------------------------------------------
def test_settings_defaults_say_what_to_fill():
    s = service_public.settings({})
    assert "à compléter" in s["editeur"]["nom"] and s["accessibilite"]["etat"] == "non-conforme"


@pytest.mark.parametrize("extra, words", [
    ({"service_public": {"editeurs": {}}}, "rubrique inconnue « service_public.editeurs »"),
    ({"service_public": {"editeur": {"nom_complet": "x"}}}, "champ inconnu « service_public.editeur.nom_complet »"),
    ({"service_public": {"accessibilite": {"etat": "conforme"}}}, "valeurs possibles : totalement-conforme"),
    ({"service_public": {"contact": ["a"]}}, "doit contenir des champs"),
    ({"service_public": {"contact": {"courriel": ["a"]}}}, "doit être un texte"),
])
def test_settings_errors_are_french(extra, words):
    with pytest.raises(PluginError, match=re.escape(words)):
        service_public.settings(extra)


OTHER = {
    "repo_url": "https://github.com/autre-editeur/autre-annuaire",
    "edit_uri": "edit/production/docs/",
    "extra": {"generator": False, "service_public": {
        "editeur": {"nom": "Syndicat mixte Mégalis Exemple", "adresse": "12 place de la Mairie, 22400 Lamballe-Armor",
                    "directeur_publication": "Camille Exemple", "courriel": "editeur@autre.example.org"},
        "hebergeur": {"nom": "Hébergeur Exemple SAS", "adresse": "3 rue du Serveur, 35000 Rennes", "site_web": "https://hebergeur.example.org/"},
        "contact": {"courriel": "ecrire@autre.example.org", "telephone": "02 99 00 00 00", "delai": "Réponse sous 48 heures."},
        "accessibilite": {"etat": "partiellement-conforme", "date": "2027-02-01", "audit": "réalisé le 15 janvier 2027 par Audit Exemple",
                          "courriel": "accessibilite@autre.example.org"}}},
}


@pytest.fixture(scope="module")
def other_site(tmp_path_factory):
    from generator.site.build import build_site

    out = tmp_path_factory.mktemp("autre") / "site"
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("ANNUAIRE_DATE", "2026-11-30")
    try:
        build_site(ROOT / "offers", out, ROOT / "mkdocs.yml", **OTHER)
    finally:
        monkeypatch.undo()
    return out


def _text(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_public_service_pages_build_from_the_settings(other_site):
    legal = _text(other_site, "mentions-legales")
    for value in ("Syndicat mixte Mégalis Exemple", "12 place de la Mairie, 22400 Lamballe-Armor", "Camille Exemple",
                  "Hébergeur Exemple SAS", "3 rue du Serveur, 35000 Rennes", 'href="https://hebergeur.example.org/"'):
        assert value in legal
    a11y = _text(other_site, "accessibilite")
    assert "<strong>partiellement conforme</strong>" in a11y and "réalisé le 15 janvier 2027 par Audit Exemple" in a11y
    assert "1er février 2027" in a11y and "mailto:accessibilite@autre.example.org" in a11y
    assert "axe-core" in a11y and "Défenseur des droits" in a11y
    contact = _text(other_site, "contact")
    assert "mailto:ecrire@autre.example.org" in contact and "02 99 00 00 00" in contact and "Réponse sous 48 heures." in contact
    personal = _text(other_site, "donnees-personnelles")
    assert "aucun cookie" in personal and "uniquement dans votre navigateur" in personal


def test_every_page_links_the_public_service_pages(other_site):
    from urllib.parse import urljoin

    pages = sorted(other_site.rglob("*.html"))
    assert len(pages) > 100
    expected = {f"/{path}": title for path, _, title, _ in service_public.PAGES}
    expected["/accessibilite/"] = "Accessibilité : partiellement conforme"
    expected.update({"/contribuer/offre/": "Proposer une offre", "/contribuer/structure/": "Ajouter ma structure"})
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "annuaire-pied" not in html:
            assert page.name == "404.html" or 'http-equiv="refresh"' in html, page
            continue
        footer = html[html.index("annuaire-pied"):html.index("</nav>", html.index("annuaire-pied"))]
        here = "/" + page.parent.relative_to(other_site).as_posix().strip(".") + "/"
        links = {urljoin(here.replace("//", "/"), href): text for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer)}
        assert links == expected, page


def test_links_follow_the_configured_repository(other_site):
    html = _text(other_site, "offres/defis/acces-libre")
    assert 'href="https://github.com/autre-editeur/autre-annuaire/edit/production/offers/defis/offres/acces-libre.yml"' in html
    form = _text(other_site, "contribuer/offre")
    data = json.loads(re.search(r'<script type="application/json" id="contrib-donnees">(.*?)</script>', form, re.S).group(1))
    assert data["depot"]["nouveau"] == "https://github.com/autre-editeur/autre-annuaire/new/production"
    assert data["schema"] == schemas.bundled("offre")


def test_site_map_lists_sections_structures_and_legal_pages(other_site):
    from generator.directory import load_directory

    html = _text(other_site, "plan-du-site")
    directory, _ = load_directory(ROOT / "offers", today=dt.date(2026, 11, 30))
    for s in directory.structures.values():
        assert f'href="../structures/{s.id}/"' in html
    for href in ("../recherche/", "../contribuer/offre/", "../mentions-legales/", "../territoires/"):
        assert f'href="{href}"' in html
