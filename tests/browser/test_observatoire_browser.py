"""The observatory pages in Chromium: every chart drawn, named and described, with its data table
beside it; no serious accessibility issue; usable on a 375-pixel-wide phone. Also the offer whose
hours change from one venue to the next."""
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from site_browser import serious_violations

pytestmark = pytest.mark.browser

PAGES = ["observatoire/", "observatoire/departements/22/", "observatoire/epci/200069391/", "observatoire/epci/243500139/"]
PHONE = {"width": 375, "height": 812}


def _charts(page):
    return page.locator("svg.obs-graphique")


@pytest.mark.parametrize("path", PAGES)
def test_every_chart_is_drawn_labelled_and_has_its_table(page, sample_url, path):
    page.goto(sample_url + path)
    charts = _charts(page)
    assert charts.count() >= 5, path
    for i in range(charts.count()):
        svg = charts.nth(i)
        assert svg.get_attribute("role") == "img"
        title_id, desc_id = svg.get_attribute("aria-labelledby").split()
        title = svg.locator(f"title#{title_id}").text_content().strip()
        desc = svg.locator(f"desc#{desc_id}").text_content().strip()
        assert title and len(desc) > 20, (path, title)
        expect(svg).to_have_accessible_name(title + " " + desc)
        box = svg.bounding_box()
        assert box["width"] > 200 and box["height"] > 40, (path, title)
        # Something is drawn: rectangles, cells or circles, not an empty frame.
        assert svg.locator("rect, path, circle").count() > 0
        figure = svg.locator("xpath=ancestor::div[contains(@class, 'obs-figure')]")
        table = figure.locator("table.obs-table")
        assert table.count() == 1 and table.locator("tbody tr").count() > 0, (path, title)
        # The table is named by the same caption the chart bears.
        assert figure.locator(".obs-titre-tableau").inner_text().strip() == title
        assert figure.locator("a[download]").get_attribute("href").endswith(".csv")


# axe-core takes seconds per page: the whole and an intercommunality stand for the others (same template).
@pytest.mark.parametrize("path", [PAGES[0], PAGES[2]])
def test_no_serious_accessibility_issue(page, sample_url, path):
    page.goto(sample_url + path)
    assert serious_violations(page) == []


@pytest.mark.parametrize("path", PAGES + ["offres/lamballe-terre-et-mer/acces-libre/"])
def test_usable_on_a_phone(browser, sample_url, path):
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(sample_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        for i in range(_charts(page).count()):
            box = _charts(page).nth(i).bounding_box()
            assert 300 <= box["width"] <= PHONE["width"], path
        # Wide tables scroll inside their own frame, which the keyboard can reach.
        for frame in page.locator(".obs-tableau").all():
            assert frame.get_attribute("tabindex") == "0" and frame.get_attribute("role") == "region"
        if path == PAGES[0]:
            assert serious_violations(page) == []
    finally:
        context.close()


def test_charts_read_without_javascript(browser, sample_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(sample_url + "observatoire/")
        assert _charts(page).count() >= 5 and _charts(page).first.is_visible()
    finally:
        context.close()


def test_offer_with_hours_per_venue_shows_each_venue(page, sample_url, sample_directory):
    offre = sample_directory.offres["lamballe-terre-et-mer/acces-libre"]
    page.goto(sample_url + "offres/lamballe-terre-et-mer/acces-libre/")
    tables = page.locator("section[aria-labelledby=quand] table.annuaire-horaires")
    assert tables.count() == len(offre["horaires_par_lieu"])
    for entry in offre["horaires_par_lieu"]:
        name = sample_directory.lieux[f"lamballe-terre-et-mer/{entry['lieu']}"]["nom"]
        expect(page.locator("section[aria-labelledby=quand] table caption", has_text=f"Horaires à {name}")).to_have_count(1)
    expect(page.locator(".annuaire-limite")).to_contain_text("1 h par personne quand il y a du monde")
    assert serious_violations(page) == []


def test_search_cards_tell_a_planned_offer_from_a_suspended_one(page, sample_url, sample_directory):
    """« prévue » (not started yet) and « suspendue » read differently on the search page."""
    expected = {"prevue": "Offre prévue : elle n'a pas encore commencé", "suspendue": "Offre suspendue pour le moment"}
    for etat, words in expected.items():
        offre = next(o for o in sample_directory.offres.values() if o.etat == etat)
        page.goto(sample_url + "recherche/?q=" + quote(offre["nom"]))
        page.wait_for_function("document.documentElement.hasAttribute('data-recherche-rendus')")
        card = page.locator("#rresultats li").filter(has=page.locator(f"a[href$='offres/{offre.uid}/']"))
        expect(card).to_contain_text(words)
        assert expected[{"prevue": "suspendue", "suspendue": "prevue"}[etat]] not in card.inner_text()
