"""Contributing without Git, in a real Chromium: the fiches' links to the forge, and the offer form
filled as a volunteer would, its YAML accepted by `annuaire validate` and re-loaded unchanged."""
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator import referentials
from generator.site.forge import REPORT_FIELDS, REPORT_TEMPLATE, branch_of
from helpers import run_cli
from site_browser import ROOT, serious_violations

pytestmark = pytest.mark.browser

SETTINGS = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
REPO = SETTINGS["repo_url"].rstrip("/")
BRANCH = branch_of(SETTINGS["edit_uri"])
SITE = SETTINGS["site_url"]


def query(href: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(href).query, keep_blank_values=True).items()}


def check_links(page, url: str, path: str, file: str):
    page.goto(url + path)
    modifier = page.locator("a[data-lien=modifier]")
    assert modifier.inner_text().strip() == "Modifier cette fiche"
    assert modifier.get_attribute("href") == f"{REPO}/edit/{BRANCH}/{file}"
    assert (ROOT / file).is_file(), "le lien doit ouvrir un fichier qui existe dans le dépôt"
    signaler = page.locator("a[data-lien=signaler]")
    assert signaler.inner_text().strip() == "Signaler une erreur"
    href = signaler.get_attribute("href")
    assert href.startswith(f"{REPO}/issues/new?")
    q = query(href)
    assert q["template"] == REPORT_TEMPLATE and q["fichier"] == file and q["page"] == SITE + path
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / REPORT_TEMPLATE).read_text(encoding="utf-8"))
    ids = {field.get("id") for field in form["body"]}
    assert set(REPORT_FIELDS) <= ids and {k for k in q if k not in ("template", "title")} <= ids


def test_offer_venue_and_structure_pages_link_to_their_own_file(page, sample_url, sample_directory):
    offre = max(sample_directory.offres.values(), key=lambda o: o.uid)
    check_links(page, sample_url, f"offres/{offre.uid}/", f"offers/{offre.structure_id}/offres/{offre.id}.yml")
    lieu = max(sample_directory.lieux.values(), key=lambda v: v.uid)
    check_links(page, sample_url, f"lieux/{lieu.uid}/", f"offers/{lieu.structure_id}/lieux.yml")
    structure = max(sample_directory.structures.values(), key=lambda s: s.id)
    check_links(page, sample_url, f"structures/{structure.id}/", f"offers/{structure.id}/structure.yml")
    page.locator("a[data-lien=proposer]").click()
    page.wait_for_url("**/contribuer/offre/?structure=*")
    page.wait_for_function("(document.getElementById('contrib-structure') || {}).value")
    assert page.locator("#contrib-structure").input_value() == structure.id


def champ(*path: str) -> str:
    """CSS path of a field of the form: champ("sessions", 1, "seances", 2, "date")."""
    css = ".contrib-racine"
    for part in path:
        css += f" > .contrib-elements > fieldset:nth-child({part})" if isinstance(part, int) else f" > [data-cle={part}]"
    return css


def add_range(page, bloc: str, day: str, start: str, end: str):
    page.locator(f"{bloc} [data-jour={day}] button", has_text="Ajouter une plage").click()
    plage = page.locator(f"{bloc} [data-jour={day}] .contrib-plage").last
    plage.locator("input[type=time]").nth(0).fill(start)
    plage.locator("input[type=time]").nth(1).fill(end)


def fill_new_offer(page, url: str, structure, today: str) -> str:
    """A new workshop of `structure`: weekly hours Monday and Thursday afternoons, a session of two séances."""
    page.goto(url + f"contribuer/offre/?structure={structure.id}")
    page.wait_for_function(f"document.getElementById('contrib-structure').value === '{structure.id}'")
    page.locator(champ("nom") + " input").fill("Tablette et smartphone : les premiers pas")
    page.locator(champ("resume") + " input").fill("Apprendre à se servir d'une tablette ou d'un smartphone, pas à pas, en petit groupe.")
    assert page.locator("#contrib-id").input_value() == "tablette-et-smartphone-les-premiers-pas"
    page.locator(champ("segment") + " input[value=atelier]").check()
    # The segment sets its configuration, as the validator requires.
    assert page.locator(champ("configuration") + " input[value=programmee]").is_checked()
    theme = referentials.get("thematiques").codes[0]
    public = referentials.get("publics").codes[0]
    page.locator(champ("thematiques") + f" input[value={theme}]").check()
    page.locator(champ("publics") + f" input[value={public}]").check()
    venue = sorted(structure.lieux)[0].split("/")[1]
    page.locator(champ("lieux") + f" input[value={venue}]").check()
    bloc = champ("recurrence", "horaires")
    add_range(page, bloc, "Mo", "14:00", "17:00")
    add_range(page, bloc, "Th", "14:00", "17:00")
    assert page.locator(f"{bloc} input[id$=-osm]").input_value() == "Mo,Th 14:00-17:00; PH off"
    assert page.locator(f"{bloc} .contrib-en-clair").inner_text().splitlines()[:2] == [
        "Lundi et jeudi : de 14 h à 17 h.", "Fermé les jours fériés."]
    page.locator(champ("sessions") + " > button", has_text="Ajouter").click()
    session = champ("sessions", 1)
    page.locator(f"{session} > [data-cle=debut] input").fill("2027-03-01")
    page.locator(f"{session} > [data-cle=fin] input").fill("2027-03-31")
    page.locator(f"{session} > [data-cle=places] input").fill("8")
    page.locator(f"{session} > [data-cle=seances] > button", has_text="Ajouter").click()
    seance = f"{session} > [data-cle=seances] > .contrib-elements > fieldset:nth-child(1)"
    page.locator(f"{seance} > [data-cle=date] input").fill("2027-03-04")
    page.locator(f"{seance} > [data-cle=debut] input").fill("14:00")
    page.locator(f"{seance} > [data-cle=fin] input").fill("16:00")
    page.locator(f"{seance} > [data-cle=theme] input").fill("Allumer, déverrouiller, régler")
    page.locator(f"{session} > [data-cle=seances] > button", has_text="Répéter").click()
    page.locator(champ("inscription", "obligatoire") + " input[value=oui]").check()
    page.locator(champ("inscription", "modalites") + " input[value=telephoner]").check()
    page.locator(champ("frais", "type") + " input[value=gratuit]").check()
    assert page.locator(champ("date_maj") + " input").input_value() == today
    page.locator("#contrib-verifier").click()
    assert page.locator("#contrib-erreurs li").all_inner_texts() == []
    assert page.locator("#contrib-bilan-texte").inner_text().startswith("Tout est correct")
    return page.locator("#contrib-yaml").input_value()


@pytest.fixture(scope="module")
def new_offer(browser, sample_url, sample_directory):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    structure = max(sample_directory.structures.values(), key=lambda s: (len(s.lieux), s.id))
    today = page.evaluate("(() => { const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); })()")
    text = fill_new_offer(page, sample_url, structure, today)
    github = page.locator("#contrib-github").get_attribute("href")
    path = page.locator("#contrib-chemin").inner_text()
    yield {"yaml": text, "github": github, "path": path, "structure": structure, "page": page, "errors": errors}
    context.close()


def test_new_offer_yaml_is_accepted_by_annuaire_validate(new_offer, tmp_path):
    text, path = new_offer["yaml"], new_offer["path"]
    assert path == f"offers/{new_offer['structure'].id}/offres/tablette-et-smartphone-les-premiers-pas.yml"
    assert text.startswith("# yaml-language-server: $schema=../../../schema/offre.schema.json\n")
    # Dates and times are quoted: a YAML 1.1 reader would take 14:00 for 840.
    assert 'debut: "14:00"' in text and 'date: "2027-03-11"' in text
    data = yaml.safe_load(text)
    assert data["recurrence"]["horaires"] == "Mo,Th 14:00-17:00; PH off"
    assert [s["date"] for s in data["sessions"][0]["seances"]] == ["2027-03-04", "2027-03-11"]
    tree = tmp_path / "offers"
    shutil.copytree(ROOT / "offers", tree)
    (tmp_path / path).write_text(text, encoding="utf-8")
    proc = run_cli("validate", str(tree))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert path.removeprefix("offers/") not in proc.stdout, proc.stdout  # not even a warning
    assert new_offer["errors"] == []


def test_new_file_address_carries_the_yaml(new_offer):
    href = new_offer["github"]
    assert href.startswith(f"{REPO}/new/{BRANCH}?")
    q = query(href)
    assert q["filename"] == new_offer["path"]
    assert q["value"] == new_offer["yaml"]


def test_reloaded_offer_round_trips_unchanged(browser, sample_url, new_offer):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    page.goto(sample_url + f"contribuer/offre/?structure={new_offer['structure'].id}")
    page.wait_for_function(f"document.getElementById('contrib-structure').value === '{new_offer['structure'].id}'")
    page.locator("#contrib-charger summary").click()
    name = Path(new_offer["path"]).name
    page.locator("#contrib-fichier").set_input_files({"name": name, "mimeType": "text/yaml", "buffer": new_offer["yaml"].encode()})
    page.wait_for_function("document.getElementById('contrib-lecture').textContent.includes('chargé')")
    assert "ne seront pas reprises" not in page.locator("#contrib-lecture").inner_text()
    bloc = champ("recurrence", "horaires")
    assert page.locator(f"{bloc} [data-jour=Mo] input[type=time]").first.input_value() == "14:00"
    assert page.locator(f"{bloc} [data-jour=Tu] input[type=time]").count() == 0
    page.locator("#contrib-verifier").click()
    assert page.locator("#contrib-yaml").input_value() == new_offer["yaml"]
    assert page.locator("#contrib-id").input_value() == Path(name).stem
    context.close()


def test_sample_offers_load_without_loss(page, sample_url, sample_directory):
    """Every sample offer file loads into the form with nothing left out, and writes back the same data."""
    page.goto(sample_url + "contribuer/offre/")
    page.wait_for_function("window.AnnuaireFormulaire !== undefined")
    for offre in sorted(sample_directory.offres.values(), key=lambda o: o.uid):
        text = Path(offre.file).read_text(encoding="utf-8")
        ok = page.evaluate("t => window.AnnuaireFormulaire.charger(t, 'x.yml')", text)
        assert ok
        report = page.locator("#contrib-lecture").inner_text()
        assert "ne seront pas reprises :" not in report, (offre.uid, report)
        written = page.evaluate("() => window.AnnuaireFormulaire.yaml(window.AnnuaireFormulaire.lire())")
        original = {k: v for k, v in yaml.safe_load(text).items() if k != "$schema"}
        assert yaml.safe_load(written) == _without_false(original), offre.uid


def _without_false(value):
    """The form writes an optional « no » as nothing (the schema's default)."""
    if isinstance(value, dict):
        return {k: _without_false(v) for k, v in value.items() if v is not False or k in ("obligatoire", "pmr")}
    if isinstance(value, list):
        return [_without_false(v) for v in value]
    return value


def test_errors_are_shown_in_french_next_to_their_field(page, sample_url):
    page.goto(sample_url + "contribuer/offre/")
    page.wait_for_function("window.AnnuaireFormulaire !== undefined")
    page.locator(champ("nom") + " input").fill("Ab")
    page.locator("#contrib-verifier").click()
    assert page.locator("#contrib-bilan").evaluate("e => e === document.activeElement")
    errors = page.locator("#contrib-erreurs li").all_inner_texts()
    assert "Nom de l'offre : Trop court : au moins 3 caractères." in errors
    assert "Résumé : Ce champ est obligatoire." in errors
    nom = page.locator(champ("nom") + " input")
    assert nom.get_attribute("aria-invalid") == "true"
    described = nom.get_attribute("aria-describedby").split()
    assert page.locator(f"#{described[-1]}").inner_text() == "Trop court : au moins 3 caractères."
    assert page.locator("#contrib-resultat").is_hidden()


@pytest.mark.parametrize("kind", ["offre", "structure", "lieux"])
def test_form_pages_accessible_and_usable_at_375px(browser, sample_url, sample_directory, kind):
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    page.goto(sample_url + f"contribuer/{kind}/")
    page.wait_for_function("window.AnnuaireFormulaire !== undefined")
    # Open the dynamic parts too: a list item, a time range, the load panel, the error summary.
    if kind == "offre":
        page.locator(champ("sessions") + " > button", has_text="Ajouter").click()
        add_range(page, champ("horaires"), "Mo", "09:00", "12:00")
    if kind == "lieux":
        page.locator(champ("lieux") + " > button", has_text="Ajouter").click()
    page.locator("#contrib-charger summary").click()
    page.locator("#contrib-verifier").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for target in ("#contrib-verifier", champ("nom") + " input" if kind != "lieux" else "#contrib-structure"):
        box = page.locator(target).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["height"] >= 24
    assert serious_violations(page) == []
    context.close()


@pytest.mark.parametrize("path", ["mentions-legales/", "accessibilite/", "donnees-personnelles/", "contact/", "plan-du-site/"])
def test_public_service_pages_accessible_at_375px(browser, sample_url, path):
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="fr-FR")
    page = context.new_page()
    page.goto(sample_url + path)
    assert page.locator("article h1").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_violations(page) == []
    context.close()


def test_no_cookie_and_nothing_loaded_from_elsewhere(browser, sample_url, sample_directory):
    """What « Données personnelles » promises: the pages, the search and the form ask no other server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    offre = max(sample_directory.offres.values(), key=lambda o: o.uid)
    for path in ("", f"offres/{offre.uid}/", "recherche/?q=atelier", "orienter/", "contribuer/offre/", "contact/"):
        page.goto(sample_url + path)
        page.wait_for_load_state("networkidle")
    assert asked and all(u.startswith(sample_url) for u in asked), [u for u in asked if not u.startswith(sample_url)]
    assert context.cookies() == []
    context.close()


def test_existing_offer_is_sent_to_the_forge_editor_not_to_new_file(page, sample_url, sample_directory):
    offre = max(sample_directory.offres.values(), key=lambda o: o.uid)
    page.goto(sample_url + f"contribuer/offre/?structure={offre.structure_id}")
    page.wait_for_function(f"document.getElementById('contrib-structure').value === '{offre.structure_id}'")
    page.locator("#contrib-charger summary").click()
    page.locator("#contrib-fichier").set_input_files(offre.file)
    page.wait_for_function("document.getElementById('contrib-lecture').textContent.includes('chargé')")
    page.locator("#contrib-verifier").click()
    assert page.locator("#contrib-erreurs li").all_inner_texts() == []
    lien = page.locator("#contrib-github")
    assert lien.inner_text().strip() == "Ouvrir le fichier existant sur GitHub"
    assert lien.get_attribute("href") == f"{REPO}/edit/{BRANCH}/offers/{offre.structure_id}/offres/{offre.id}.yml"
    assert page.locator("#contrib-remplacer").is_visible()
