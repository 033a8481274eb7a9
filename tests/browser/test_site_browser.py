"""The built sample site in a real Chromium: visible content, accessibility, mobile width, print."""
import datetime as dt
import re

import pytest

from generator import referentials
from generator.site import timetable
from generator.site.french import date_long
from site_browser import serious_violations

pytestmark = pytest.mark.browser


def richest_spontaneous(directory):
    candidates = [o for o in directory.offres.values() if o.get("horaires") and o.lieux]
    return max(candidates, key=lambda o: (len(o.get("prerequis", ())) + len(o.get("a_apporter", ())), o.uid))


def with_upcoming_seances(directory):
    found = [o for o in directory.offres.values() if timetable.upcoming_seances(o.get("sessions"), directory.today)]
    assert found, "les données d'exemple doivent contenir au moins une séance à venir"
    return max(found, key=lambda o: (len(o.get("orientation", ())), o.uid))


def busiest_venue(directory):
    return max(directory.lieux.values(), key=lambda v: (len(directory.offres_at(v.uid)), v.uid))


def biggest_structure(directory):
    return max(directory.structures.values(), key=lambda s: (len(s.offres), s.id))


def page_paths(directory):
    """One page of each kind."""
    seg = sorted({o["segment"] for o in directory.offres.values()})[0]
    return {
        "accueil": "",
        "offre": f"offres/{richest_spontaneous(directory).uid}/",
        "offre-seances": f"offres/{with_upcoming_seances(directory).uid}/",
        "lieu": f"lieux/{busiest_venue(directory).uid}/",
        "structure": f"structures/{biggest_structure(directory).id}/",
        "territoires": "territoires/",
        "commune": f"communes/{busiest_venue(directory)['code_insee']}/",
        "segment": f"segments/{seg}/",
        "reference": "reference/",
        "contribuer": "contribuer/",
        "donnees": "donnees/",
        "a-verifier": "a-verifier/",
    }


def test_offer_page_shows_name_hours_and_address(page, sample_url, sample_directory):
    offre = richest_spontaneous(sample_directory)
    page.goto(sample_url + f"offres/{offre.uid}/")
    assert page.locator("article h1").inner_text().strip() == offre["nom"]
    table = page.locator("table.annuaire-horaires").first
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == 7
    assert rows.nth(0).locator("th").inner_text().strip() == "Lundi"
    week = timetable.weekly_table(offre["horaires"], sample_directory.today)
    for i, row in enumerate(week["lignes"]):
        expected = ", ".join(row["plages"]) or "Fermé"
        assert rows.nth(i).locator("td").inner_text().strip() == expected
    venue = sample_directory.lieux[offre.lieux[0]]
    where = page.locator("section[aria-labelledby='ou']")
    assert venue["adresse"] in where.inner_text()
    assert where.get_by_role("link", name=venue["nom"]).is_visible()
    osm = where.locator("a[href^='https://www.openstreetmap.org/']").first.get_attribute("href")
    assert f"mlat={venue['coordonnees']['latitude']}" in osm


def test_offer_page_shows_next_seance(page, sample_url, sample_directory):
    offre = with_upcoming_seances(sample_directory)
    page.goto(sample_url + f"offres/{offre.uid}/")
    first = timetable.upcoming_seances(offre["sessions"], sample_directory.today, limit=1)[0]
    item = page.locator(".annuaire-seances li").first
    assert item.is_visible()
    assert item.inner_text().startswith(date_long(first["iso"]).capitalize())
    assert first["debut"] in item.inner_text()


def test_venue_page_lists_every_offer_held_there(page, sample_url, sample_directory):
    venue = busiest_venue(sample_directory)
    page.goto(sample_url + f"lieux/{venue.uid}/")
    assert page.locator("article h1").inner_text().strip() == venue["nom"]
    assert venue["adresse"] in page.locator("address").first.inner_text()
    shown = set(page.locator("#offres ~ ul.annuaire-liste li strong").all_inner_texts())
    assert shown == {o["nom"] for o in sample_directory.offres_at(venue.uid)}


def test_structure_page_has_portfolio_table(page, sample_url, sample_directory):
    structure = biggest_structure(sample_directory)
    page.goto(sample_url + f"structures/{structure.id}/")
    table = page.locator("table.annuaire-portefeuille")
    assert table.is_visible()
    families = {i.get("x-famille", i.code) for i in referentials.get("segments").items}
    assert table.locator("tbody tr").count() == len(families)
    counts = [int(c) for c in table.locator("tbody td:nth-child(3)").all_inner_texts()]
    assert sum(counts) == len(structure.offres)


def test_segment_list_page_lists_its_offers(page, sample_url, sample_directory):
    code = sorted({o["segment"] for o in sample_directory.offres.values()})[0]
    page.goto(sample_url + f"segments/{code}/")
    shown = set(page.locator("ul.annuaire-liste li strong").all_inner_texts())
    assert shown == {o["nom"] for o in sample_directory.offres.values() if o["segment"] == code}


@pytest.mark.parametrize("kind", ["accueil", "offre", "offre-seances", "lieu", "structure", "territoires", "commune",
                                  "segment", "reference", "contribuer", "donnees", "a-verifier"])
def test_accessibility_and_mobile_width(browser, sample_url, sample_directory, kind):
    path = page_paths(sample_directory)[kind]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.goto(sample_url + path)
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 812})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_print_hides_navigation_and_every_offer_fits_one_a4_page(page, sample_url, sample_directory):
    page.goto(sample_url + f"offres/{with_upcoming_seances(sample_directory).uid}/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-footer").is_visible()
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    too_long = []
    for offre in sample_directory.offres.values():
        page.goto(sample_url + f"offres/{offre.uid}/")
        assert f"offres/{offre.uid}/" in page.locator(".annuaire-imprime").inner_text()
        pdf = page.pdf(format="A4")
        if len(re.findall(rb"/Type\s*/Page[^s]", pdf)) != 1:
            too_long.append(offre.uid)
    assert too_long == []


def test_open_now_badge_follows_the_clock_and_is_optional(browser, sample_url, sample_directory):
    offre = richest_spontaneous(sample_directory)
    slots = [tuple(map(int, s.split("-"))) for s in timetable.open_slots(offre["horaires"], sample_directory.today).split()]
    start, end = next((a, b) for a, b in slots if dt.datetime.fromtimestamp(a, timetable.PARIS).date() >= sample_directory.today)
    closes = dt.datetime.fromtimestamp(end, timetable.PARIS)
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime.fromtimestamp(start + 60, dt.timezone.utc))
    page.goto(sample_url + f"offres/{offre.uid}/")
    badge = page.locator(".annuaire-direct").first
    expected_close = f"{closes.hour} h" if closes.minute == 0 else f"{closes.hour} h {closes.minute:02d}"
    assert badge.inner_text() == f"Ouvert maintenant · ferme à {expected_close}"
    page.clock.set_fixed_time(dt.datetime.fromtimestamp(end + 60, dt.timezone.utc))
    page.reload()
    assert badge.inner_text().startswith("Fermé en ce moment · ouvre ")
    context.close()
    no_js = browser.new_context(java_script_enabled=False)
    page = no_js.new_page()
    page.goto(sample_url + f"offres/{offre.uid}/")
    assert not page.locator(".annuaire-direct").first.is_visible()
    assert page.locator("table.annuaire-horaires").first.is_visible()
    no_js.close()


def test_short_menu_of_an_offer_opens_in_the_phone_drawer(browser, sample_url, sample_directory):
    """Record pages carry the menu's top-level entries only: on a phone they are in the drawer, and lead on."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="fr-FR")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(sample_url + page_paths(sample_directory)["offre"])
    # The theme's script runs with the trimmed settings of main.html (it swaps « no-js » for « js »).
    page.wait_for_function("document.documentElement.classList.contains('js')")
    link = page.locator("nav.md-nav--primary").get_by_role("link", name="J'oriente une personne", exact=True)
    box = link.bounding_box()
    assert box["x"] + box["width"] <= 0, "le menu est rangé hors de l'écran tant que le tiroir est fermé"
    page.click("label.md-header__button[for='__drawer']")
    page.wait_for_function("el => el.getBoundingClientRect().left >= 0", arg=link.element_handle())
    names = [a.inner_text().strip() for a in page.locator("nav.md-nav--primary a.md-nav__link").all()]
    assert names == ["Accueil", "Rechercher", "J'oriente une personne", "Trouver une offre", "Observatoire", "Contribuer",
                     "À propos"]
    link.click()
    page.wait_for_url("**/orienter/")
    assert errors == []
    context.close()
