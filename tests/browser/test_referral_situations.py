"""The referral situations written from the report (referral_situations.py), played on /orienter/ in Chromium as
an agent would: answers clicked, commune typed, advice read from the page. Each gets the type of offer the report
says fits first, and the expected offer of the sample among the first three proposed (or among the widened
proposals, with the answer that emptied the list named)."""
import re

import pytest

from generator import referentials
from generator.orientation import assistant
from referral_situations import SITUATIONS
from site_browser import serious_violations

pytestmark = pytest.mark.browser


def uids(page, selector):
    return [re.search(r"offres/(.+)/$", h).group(1) for h in
            page.locator(selector + " > li > a:first-child").evaluate_all("els => els.map(e => e.getAttribute('href'))")]


def answer(page, qid, codes):
    q = assistant.question(qid)
    for code in [codes] if isinstance(codes, str) else codes:
        if q.get("liste"):
            page.select_option(f"#o-{qid}", code)
        else:
            page.check(f"#o-{qid}-{code}")


def test_the_table_is_large_and_reaches_every_segment_it_names():
    assert len(SITUATIONS) >= 20
    assert len({s["id"] for s in SITUATIONS}) == len(SITUATIONS)
    codes = set(referentials.get("segments").codes)
    assert {s["segment"] for s in SITUATIONS} <= codes
    # The report's segments an agent refers to (événements are not a referral's first answer).
    assert codes - {s["segment"] for s in SITUATIONS} <= {"evenement"}


@pytest.fixture(scope="module")
def orienter(browser, sample_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    yield page, sample_url + "orienter/"
    context.close()


def play(page, url, situation):
    page.goto(url)
    page.wait_for_selector("[data-assistant-pret]")
    for qid, codes in situation["reponses"].items():
        answer(page, qid, codes)
    page.fill("#ocommune", situation["commune"])
    page.press("#ocommune", "Enter")
    page.wait_for_function("n => document.getElementById('ocommune').value.startsWith(n + ' (')", arg=situation["commune"])
    page.click("#oform button[type=submit]")
    page.wait_for_selector("#oresultat:not([hidden])")


@pytest.mark.parametrize("situation", SITUATIONS, ids=[s["id"] for s in SITUATIONS])
def test_referral_situation(orienter, situation, sample_directory):
    page, url = orienter
    play(page, url, situation)
    shown, widened = uids(page, "#ooffres"), uids(page, "#orelax-offres")
    context = (situation["qui"], shown[:5], widened[:5], page.locator("#ocompte").inner_text())
    offre = situation["offre"]
    if situation.get("elargi"):
        assert shown == [], context
        assert offre in widened[:3], context
        assert assistant.question(situation["elargi"])["texte"] in page.locator("#ocompte").inner_text(), context
        first = widened[0]
    else:
        assert offre in shown[:3], context
        first = shown[0]
    assert sample_directory.offres[offre]["segment"] == situation["segment"], "la table se contredit"
    assert sample_directory.offres[first]["segment"] == situation["segment"], context
    advice = page.locator("#osegments").inner_text()
    assert referentials.label("segments", situation["segment"]) in advice, (advice, context)


def test_a_widened_advice_on_a_phone_is_accessible(browser, sample_url):
    """The page at its fullest (answers, notes, widened proposals, next step) at 375 px: no horizontal scroll,
    no serious or critical axe-core finding."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    play(page, sample_url + "orienter/", next(s for s in SITUATIONS if s.get("elargi") == "langue"))
    assert page.locator("#orelax").is_visible() and page.locator("#orelax-offres li").count()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert serious_violations(page) == []
    context.close()
