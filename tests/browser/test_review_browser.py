"""The « À vérifier » page and the printable sheet as built for the sample, in Chromium."""
import pytest
from playwright.sync_api import expect

from generator.review.stale import stale

pytestmark = pytest.mark.browser


def test_a_verifier_page_lists_each_stale_record_with_its_link(page, sample_url, sample_directory):
    found = stale(sample_directory)
    assert found, "les données d'exemple contiennent des fiches vérifiées il y a plus de six mois"
    page.goto(sample_url + "a-verifier/")
    assert page.locator("article h1").inner_text().strip() == "À vérifier"
    rows = page.locator("article table tbody tr")
    assert rows.count() == sum(len(s.items) for s in found)
    assert [h.inner_text().strip() for h in page.locator("article h2").all()] == [s.name for s in found]
    first = found[0].items[0]
    link = page.get_by_role("link", name=first.name).first
    assert link.get_attribute("href").rstrip("/").endswith(first.uid.split("/")[-1])
    # Reachable from the navigation, under « Contribuer ».
    page.goto(sample_url + "contribuer/")
    assert page.locator("nav.md-nav--primary a[href$='a-verifier/']").count() >= 1


def test_sheet_has_no_site_navigation_beside_it_and_its_qr_code_inside(page, sample_url, sample_directory):
    uid = sorted(sample_directory.offres)[0]
    page.goto(sample_url + f"offres/{uid}/fiche/")
    assert page.locator(".md-sidebar--primary").count() == 0
    # …so no drawer button on a phone either (it would open an empty drawer).
    page.set_viewport_size({"width": 375, "height": 812})
    assert not page.locator(".md-header__button[for='__drawer']").is_visible()
    # Nor the theme's script: its own add the print button.
    assert page.locator("script#__config").count() == 0
    assert page.locator("script[src*='bundle']").count() == 0
    expect(page.get_by_role("button", name="Imprimer la fiche")).to_be_visible()
    qr = page.locator(".annuaire-qr img")
    assert qr.get_attribute("src").startswith("data:image/png;base64,")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 80")
