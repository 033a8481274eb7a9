"""Pages of an imported tree in Chromium: what the source did not give is said to be unknown
(« Horaires non communiqués : appelez avant de venir », never « Fermé »), free-text hours and
approximate positions are shown as such, and the pages stay accessible."""
import datetime as dt

import pytest

from helpers import run_cli
from site_browser import ROOT, build, http_server, serious_violations

pytestmark = pytest.mark.browser
FIXTURE = ROOT / "tests" / "fixtures" / "import" / "lieux-mednum.csv"
DAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def imported_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("imported-site")
    proc = run_cli("import", "mednum", str(FIXTURE), "--out", str(base / "offers"), env={"ANNUAIRE_DATE": DAY.isoformat()})
    assert "Traceback" not in proc.stderr, proc.stderr
    site = build(base / "offers", base / "site", DAY)
    with http_server(site) as url:
        yield url


def test_unknown_hours_price_and_registration_are_said_unknown(page, imported_url):
    page.goto(imported_url + "offres/espace-numerique-de-mamoudzou/acces-libre/")
    text = page.locator("main").inner_text()
    assert "Horaires non communiqués : appelez avant de venir." in text
    assert "Prix non communiqué" in text and "Inscription : non communiqué." in text
    assert "Fermé" not in text
    assert serious_violations(page) == []


def test_free_text_hours_and_approximate_position_are_shown_as_such(page, imported_url):
    page.goto(imported_url + "lieux/ville-de-lannion/point-numerique-de-la-gare/")
    text = page.locator("main").inner_text()
    assert "« Le mardi matin, sur rendez-vous »" in text and "appelez avant de venir" in text
    page.goto(imported_url + "lieux/ville-de-lannion/mediatheque-de-lannion/")
    text = page.locator("main").inner_text()
    assert "Position approximative" in text and "« Mercredi de 14h à 15h30 »" in text
    assert serious_violations(page) == []


def test_structure_with_unknown_type_and_contact(page, imported_url):
    page.goto(imported_url + "structures/ville-de-lannion/")
    text = page.locator("main").inner_text()
    assert "Type non renseigné" in text and "Contact non communiqué." in text and "Présentation non communiquée." in text
    assert serious_violations(page) == []


def test_overseas_phone_is_shown_as_dialled_there(page, imported_url):
    page.goto(imported_url + "lieux/case-numerique-du-butor/case-numerique-du-butor/")
    assert page.locator("a[href='tel:+262262123456']").first.inner_text() == "0262 12 34 56"
