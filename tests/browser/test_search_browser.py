"""/recherche/ in Chromium: words, places, distance, map, results a person can act on.

Expected results come from the data, the vocabulary files and the centres file, never written down."""
import csv
import math
import re

import pytest

from generator import geography
from generator.orientation.search_text import fold
from generator.orientation.vocabulary import vocabulary
from site_browser import ROOT, serious_violations

pytestmark = pytest.mark.browser

AURAY, LORIENT, MORLAIX, LAMBALLE_ARMOR, RENNES = "56007", "56121", "29151", "22093", "35238"
PNG = (ROOT / "site_overrides/assets/vendor/leaflet/images/marker-icon.png").read_bytes()


def wait_results(page):
    page.wait_for_function("document.documentElement.hasAttribute('data-recherche-rendus')")


def shown_uids(page):
    return [re.search(r"offres/(.+)/$", h).group(1) for h in
            page.locator("#rresultats li > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")]


def show_all(page):
    """Unfold the whole list (it shows a page of results at a time)."""
    while page.locator("#rplus").is_visible():
        page.click("#rplus")
    return shown_uids(page)


def with_code(directory, kind, code):
    key = {"theme": "thematiques", "public": "publics"}[kind]
    return {o.uid for o in directory.offres.values() if code in o[key]}


def centres():
    with open(ROOT / "scripts/sources/communes-centres-cog2024.csv", encoding="utf-8") as fh:
        return {r["code_insee"]: (float(r["latitude"]), float(r["longitude"])) for r in csv.DictReader(fh)}


def haversine(a, b):
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def km_text(km):
    return f"à {km:.1f} km".replace(".", ",") if km < 10 else f"à {round(km)} km"


def test_caf_near_auray_ranks_caf_offers_above_any_cafe(page, sample_url, sample_directory):
    page.goto(sample_url + f"recherche/?q=caf&commune={AURAY}")
    wait_results(page)
    uids = shown_uids(page)
    caf = with_code(sample_directory, "theme", "demarches-caf")
    cafes = {o.uid for o in sample_directory.offres.values() if "cafe" in fold(o["nom"])}
    assert caf and cafes, "les données d'exemple ont des offres CAF et des repair cafés"
    assert caf <= set(uids)
    first_cafe = min((uids.index(u) for u in cafes if u in uids), default=len(uids))
    assert max(uids.index(u) for u in caf) < first_cafe
    # The acronym is a whole word: « caf » is not the stem of « café ».
    assert not cafes & set(uids)


@pytest.mark.parametrize("query, kind, code", [("débutant", "theme", "savoirs-de-base"),
                                               ("RSA", "public", "beneficiaires-minima-sociaux"),
                                               ("adresse mail", "theme", "internet-courriel"),
                                               ("pole emploi", "theme", "demarches-france-travail")])
def test_everyday_words_find_the_offers_they_name(page, sample_url, sample_directory, query, kind, code):
    listed = [fold(w) for w in vocabulary()[kind][code]]
    assert fold(query).replace("ô", "o") in listed or fold(query) in [w.replace("pôle", "pole") for w in listed]
    expected = with_code(sample_directory, kind, code)
    assert expected
    page.goto(sample_url + "recherche/?q=" + query)
    wait_results(page)
    assert expected <= set(shown_uids(page))
    first = page.locator("#rresultats li").first.inner_text()
    assert "Correspond" in first or query.split()[0].lower() in first.lower()


def test_word_forms_typos_and_prefix_of_the_last_word_only(page, sample_url, sample_directory):
    migrants = with_code(sample_directory, "public", "personnes-migrantes")
    page.goto(sample_url + "recherche/?q=migrants")
    wait_results(page)
    assert migrants <= set(shown_uids(page)), "migrants / personnes migrantes"
    page.goto(sample_url + "recherche/?q=smarphone")
    wait_results(page)
    smart = {o.uid for o in sample_directory.offres.values() if "smartphone" in fold(o["nom"])}
    assert smart and smart <= set(shown_uids(page)[:3]), "une faute de frappe sur un mot de 5 lettres ou plus"
    page.goto(sample_url + "recherche/?q=minecr")
    wait_results(page)
    assert "lamballe-terre-et-mer/animation-minecraft" in shown_uids(page), "le mot en cours de frappe se complète"
    page.goto(sample_url + "recherche/?q=minecr%20robot")
    wait_results(page)
    assert "lamballe-terre-et-mer/animation-minecraft" not in shown_uids(page)[:1], "seul le dernier mot se complète"


def test_postcode_then_enter_selects_lorient_never_langonnet(page, sample_url):
    assert geography.commune("56100").nom == "Langonnet" and geography.communes_by_postcode("56100")[0].code == LORIENT
    page.goto(sample_url + "recherche/")
    wait_results(page)
    page.fill("#rcommune", "56100")
    page.locator("#rcommune-liste li").first.wait_for()
    options = page.locator("#rcommune-liste li").all_inner_texts()
    assert options[0].startswith("Lorient") and any("Langonnet" in o and "INSEE" in o for o in options)
    page.press("#rcommune", "Enter")
    page.wait_for_function(f"location.search.includes('commune={LORIENT}')")
    assert page.locator("#rcommune").input_value() == "Lorient (56100)"
    assert page.locator("#rcommune").get_attribute("aria-invalid") == "false"


@pytest.mark.parametrize("typed, code", [("Lamballe", LAMBALLE_ARMOR), ("lamballe armor", LAMBALLE_ARMOR),
                                         ("MORLAIX", MORLAIX), ("29151", MORLAIX), ("saint brieuc", "22278"),
                                         ("Morlaix 29600", MORLAIX), ("29600 Morlaix", MORLAIX)])
def test_place_field_reads_names_former_names_and_codes(page, sample_url, typed, code):
    page.goto(sample_url + "recherche/")
    wait_results(page)
    page.fill("#rcommune", typed)
    page.press("#rcommune", "Enter")
    page.wait_for_function(f"location.search.includes('commune={code}')")
    assert page.locator("#rcommune").input_value().startswith(geography.commune(code).nom + " (")


def test_unknown_place_and_shared_postcode_are_errors(page, sample_url):
    page.goto(sample_url + "recherche/")
    wait_results(page)
    page.fill("#rcommune", "Zzyzx")
    page.press("#rcommune", "Enter")
    page.wait_for_function("document.getElementById('rcommune').getAttribute('aria-invalid') === 'true'")
    help_ = page.locator("#rcommune-aide")
    assert "Commune inconnue" in help_.inner_text() and "annuaire-erreur" in help_.get_attribute("class")
    assert help_.evaluate("e => getComputedStyle(e).color") == "rgb(153, 27, 27)"
    page.fill("#rcommune", "22400")
    page.press("#rcommune", "Enter")
    page.wait_for_function("document.getElementById('rcommune-aide').textContent.includes('Plusieurs communes')")
    names = page.locator("#rcommune-liste li").all_inner_texts()
    assert len(names) == len(geography.communes_by_postcode("22400"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('rcommune').getAttribute('aria-invalid') === 'false'")
    assert "commune=" in page.url


def test_distances_match_the_centres_file_and_sort_the_list(page, sample_url, sample_directory):
    centre = centres()[LORIENT]
    page.goto(sample_url + f"recherche/?commune={LORIENT}")
    wait_results(page)
    shown = []
    for li in page.locator("#rresultats li").all():
        uid = re.search(r"offres/(.+)/$", li.locator("> a").get_attribute("href")).group(1)
        offre = sample_directory.offres[uid]
        points = [sample_directory.lieux[u]["coordonnees"] for u in offre.lieux]
        text = li.inner_text()
        if not points:
            assert offre.get("a_distance") and " km" not in text and "À distance" in text
            continue
        km = min(haversine(centre, (p["latitude"], p["longitude"])) for p in points)
        assert km_text(km) in text, (uid, km, text)
        own = any(sample_directory.lieux[u]["code_insee"] == LORIENT for u in offre.lieux)
        shown.append((0 if own else 1, km))
    assert shown == sorted(shown), "la commune de la personne d'abord, puis par distance"


def test_a_commune_without_offers_in_its_departement_gets_the_nearest(page, sample_url, sample_directory):
    assert all(geography.commune(v["code_insee"]).departement != "35" for v in sample_directory.lieux.values())
    page.goto(sample_url + "recherche/")
    wait_results(page)
    page.fill("#rcommune", "Rennes")
    page.press("#rcommune", "Enter")
    page.wait_for_function(f"location.search.includes('commune={RENNES}')")
    placed = page.locator("#rresultats li", has_text=" km").first.inner_text()
    nearest = min(haversine(centres()[RENNES], (v["coordonnees"]["latitude"], v["coordonnees"]["longitude"]))
                  for v in sample_directory.lieux.values())
    assert km_text(nearest) in placed
    # Within 20 km of Rennes there is no venue: only the offers at a distance remain.
    assert nearest > 20
    page.select_option("#rproximite", "20km")
    remote = {o.uid for o in sample_directory.offres.values() if not o.lieux}
    assert remote and set(shown_uids(page)) == remote


def test_seniors_filter_keeps_offers_for_everyone_after_the_targeted_ones(page, sample_url, sample_directory):
    page.goto(sample_url + "recherche/?public=seniors")
    wait_results(page)
    uids = show_all(page)
    seniors = with_code(sample_directory, "public", "seniors")
    everyone = with_code(sample_directory, "public", "tous-publics") - seniors
    assert seniors and everyone
    assert set(uids) == seniors | everyone
    assert uids[:len(seniors)] and set(uids[:len(seniors)]) == seniors
    assert "ouvert à tous les publics" in page.locator("#rresultats li").nth(len(seniors)).inner_text()


def test_cards_say_why_when_and_how_to_call(page, sample_url, sample_directory):
    page.goto(sample_url + "recherche/?jour=samedi")
    wait_results(page)
    cards = page.locator("#rresultats li")
    assert cards.count() > 0
    for i in range(cards.count()):
        text = cards.nth(i).inner_text()
        assert re.search(r"Correspond : (samedi \d+ h|séance le samedi)", text), text
    first = cards.first
    tel = first.locator("a[href^='tel:']")
    uid = shown_uids(page)[0]
    offre = sample_directory.offres[uid]
    phone = (offre.get("contact") or {}).get("telephone") or sample_directory.structure_of(offre)["contact"]["telephone"]
    assert tel.get_attribute("href") == f"tel:{phone}"
    assert re.fullmatch(r"0\d( \d\d){4}", tel.inner_text())


def test_empty_list_names_the_filter_and_offers_the_nearest_relaxation(page, sample_url):
    page.goto(sample_url + f"recherche/?q=impots&commune={MORLAIX}&jour=dimanche")
    wait_results(page)
    assert page.locator("#rcompte").inner_text().startswith("Aucune offre")
    relax = page.locator("#rrelax")
    assert "jour ou moment" in relax.inner_text()
    relax.get_by_role("button").first.click()
    page.wait_for_function("!document.getElementById('rcompte').textContent.startsWith('Aucune')")
    assert "jour=" not in page.url and "cyberbase-morlaix/atelier-impots-en-ligne" in shown_uids(page)


@pytest.mark.parametrize("width, height", [(375, 812), (1280, 800)])
def test_count_and_first_result_visible_without_scrolling(browser, sample_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
    page = context.new_page()
    page.goto(sample_url + f"recherche/?q=atelier&commune={LAMBALLE_ARMOR}")
    wait_results(page)
    assert not page.locator("#raffiner").evaluate("d => d.open")
    # The count, the first result's name and its first lines (type, place and distance, why it matches).
    for target in ("#rcompte", "#rresultats li >> nth=0 >> a", "#rresultats li >> nth=0 >> .annuaire-discret"):
        box = page.locator(target).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, (target, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_map_markers_equal_the_results_with_a_place(page, sample_url, sample_directory):
    tiles = []
    page.route("**/tile.openstreetmap.org/**", lambda r: (tiles.append(r.request.url), r.fulfill(body=PNG, content_type="image/png")))
    page.goto(sample_url + f"recherche/?q=atelier&commune={LAMBALLE_ARMOR}")
    wait_results(page)
    n = int(re.match(r"\d+", page.locator("#rcompte").inner_text()).group())
    page.click("#rcarte-bouton")
    page.wait_for_function("document.getElementById('rcarte').getAttribute('data-marqueurs') !== '0'")
    # Markers on screen: single ones plus the number written on each group.
    page.wait_for_function("""(n) => {
      let k = 0;
      document.querySelectorAll('#rcarte .leaflet-marker-icon').forEach((m) => {
        k += m.classList.contains('marker-cluster') ? Number(m.textContent) : 1; });
      return k === n; }""", arg=n, timeout=5000)
    assert int(page.locator("#rcarte").get_attribute("data-marqueurs")) == n
    assert tiles and all(re.match(r"https://tile\.openstreetmap\.org/\d+/\d+/\d+\.png$", t) for t in tiles)
    assert "OpenStreetMap" in page.locator("#rcarte .leaflet-control-attribution").inner_text()
    assert "carte=1" in page.url
    assert serious_violations(page) == []
    page.goto(page.url)
    page.wait_for_function("document.getElementById('rcarte').getAttribute('data-marqueurs') > 0")


def test_map_without_tiles_still_shows_markers(page, sample_url):
    page.route("**/tile.openstreetmap.org/**", lambda r: r.abort())
    page.goto(sample_url + "recherche/?q=acces%20libre&carte=1")
    page.wait_for_function("document.getElementById('rcarte').getAttribute('data-marqueurs') > 0")
    assert page.locator("#rcarte .leaflet-marker-icon").count() > 0


@pytest.mark.parametrize("kind", ["lieu", "structure", "commune"])
def test_maps_on_venue_structure_and_commune_pages(page, sample_url, sample_directory, kind):
    page.route("**/tile.openstreetmap.org/**", lambda r: r.fulfill(body=PNG, content_type="image/png"))
    structure = sample_directory.structures["lamballe-terre-et-mer"]
    venue = sample_directory.lieux[structure.lieux[0]]
    url, expected = {"lieu": (f"lieux/{venue.uid}/", 1), "structure": (f"structures/{structure.id}/", len(structure.lieux)),
                     "commune": (f"communes/{venue['code_insee']}/",
                                 sum(v["code_insee"] == venue["code_insee"] for v in sample_directory.lieux.values()))}[kind]
    page.goto(sample_url + url)
    box = page.locator("[data-carte]")
    page.wait_for_function("document.querySelector('[data-carte]').getAttribute('data-marqueurs') > 0")
    assert int(box.get_attribute("data-marqueurs")) == expected
    assert serious_violations(page) == []
    if kind == "lieu":
        page.locator("[data-carte] .leaflet-marker-icon").first.click()
        link = page.locator("[data-carte] .leaflet-popup-content a")
        assert link.inner_text() == venue["nom"] and link.evaluate("a => a.href").endswith(f"lieux/{venue.uid}/")


def test_without_javascript_the_venue_page_has_its_address_and_no_map(browser, sample_url, sample_directory):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    venue = next(iter(sample_directory.lieux.values()))
    page.goto(sample_url + f"lieux/{venue.uid}/")
    assert not page.locator("[data-carte]").is_visible()
    assert venue["adresse"] in page.locator("article").inner_text()
    context.close()


def test_printed_list_has_the_results_and_not_the_form(page, sample_url):
    page.goto(sample_url + f"recherche/?q=impots&commune={MORLAIX}")
    wait_results(page)
    page.emulate_media(media="print")
    assert not page.locator("#annuaire-recherche form").is_visible()
    assert page.locator("#rresultats li").first.is_visible()
    assert page.locator("#rcompte").is_visible()


@pytest.mark.parametrize("path", ["a-propos/", "donnees/"])
def test_data_pages_cite_the_sources_of_the_centres(page, sample_url, path):
    page.goto(sample_url + path)
    text = page.locator("article").inner_text()
    assert "Code officiel géographique 2024" in text and "La Poste" in text and "OpenStreetMap" in text


def test_folded_filters_show_their_counts_when_unfolded(page, sample_url, sample_directory):
    page.goto(sample_url + "recherche/?q=atelier")
    wait_results(page)
    assert not page.locator("#raffiner").evaluate("d => d.open")
    page.click("#raffiner > summary")
    n = len(shown_uids(page)) if page.locator("#rplus").is_hidden() else None
    option = page.locator("#rsegment option[value='atelier']")
    assert re.search(r"\(\d+\)$", option.inner_text())
    assert re.fullmatch(r"\(\d+\)", page.locator("[data-compte='pmr']").inner_text())
    if n is not None:
        # Each offer has one type: the type counts add up to the results.
        texts = page.locator("#rsegment option").all_inner_texts()[1:]
        assert sum(int(re.search(r"\((\d+)\)$", t).group(1)) for t in texts) == n
