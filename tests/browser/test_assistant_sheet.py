"""The printable sheet opened from the assistant carries the advice: what was said about the person, the
recommendation, its reason and the next step (issue 9, point 6), without the answers reaching the server."""
import re
from urllib.parse import unquote

import pytest

from generator import referentials
from generator.orientation import assistant

pytestmark = pytest.mark.browser


def test_sheet_from_the_assistant_carries_advice_reason_and_next_step(page, sample_url, sample_directory):
    answers = {"age": "senior", "besoin": "bases", "aisance": "non"}
    rule = assistant.recommend(answers)
    page.goto(sample_url + "orienter/")
    page.wait_for_selector("[data-assistant-pret]")
    for qid, code in answers.items():
        page.check(f"#o-{qid}-{code}")
    page.fill("#ocommune", "Lorient")
    page.press("#ocommune", "Enter")
    page.wait_for_function("document.getElementById('ocommune').value.startsWith('Lorient (')")
    page.click("#oform button[type=submit]")
    page.locator("#ooffres li").first.wait_for()
    first = re.search(r"offres/(.+)/$", page.locator("#ooffres > li > a:first-child").first.get_attribute("href")).group(1)
    following = sample_directory.offres[first].suites
    assert following, f"choisir une situation dont la première offre a des suites ({first})"
    next_text = page.locator("#oensuite").inner_text()
    assert next_text.startswith(f"Et après « {sample_directory.offres[first]['nom']} »")

    requests = []
    page.on("request", lambda r: requests.append(unquote(r.url)))
    page.locator("#ooffres > li").first.locator("a.annuaire-vers-fiche").click()
    page.wait_for_selector("#fiche-conseil:not([hidden])")
    assert page.url.split("#")[0].endswith(f"offres/{first}/fiche/")
    said = [assistant.answer(q, c)["dit"] for q, c in (("age", "senior"), ("besoin", "bases"), ("aisance", "non"))]
    assert page.locator("#fiche-synthese").inner_text() == "La personne : " + " ; ".join(said) + "."
    assert page.locator("#fiche-segments").inner_text() == "Conseil : " + ", sinon ".join(
        referentials.label("segments", s) for s in rule["segments"])
    assert page.locator("#fiche-raison").inner_text() == rule["raison"].strip()
    marked = page.locator("#fiche-apres li.annuaire-conseille")
    assert marked.count() == 1 and marked.get_attribute("data-uid") in following
    assert marked.inner_text().startswith("Conseillé ensuite : " + sample_directory.offres[marked.get_attribute("data-uid")]["nom"])
    page.emulate_media(media="print")
    assert page.locator("#fiche-conseil").is_visible() and marked.is_visible()
    # The answers travel in the fragment: no request carries them.
    assert requests and not [u for u in requests if "aisance" in u or "besoin=" in u]


# Every question answered, the longest reason: the fullest advice a sheet can carry.
FULL = {"age": "senior", "situation": "emploi,minima", "besoin": "demarche", "organisme": "demarches-caf", "aisance": "non",
        "urgence": "oui", "disponibilite": "journee,samedi", "distance": "10km", "langue": "fr", "handicap": "vue"}


def test_sheets_with_the_fullest_advice_still_fit_one_a4_page(page, sample_url, sample_directory):
    assert len(assistant.recommend({k: v.split(",") for k, v in FULL.items()})["raison"]) > 200
    with_suites = [o for o in sample_directory.offres.values() if o.suites]
    assert len(with_suites) >= 3
    too_long = []
    for offre in with_suites:
        fragment = "&".join(f"{k}={v}" for k, v in FULL.items()) + f"&ensuite={offre.suites[-1]}"
        page.goto(sample_url + f"offres/{offre.uid}/fiche/#{fragment}")
        page.wait_for_selector("#fiche-conseil:not([hidden])")
        page.emulate_media(media="print")
        if len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4"))) != 1:
            too_long.append(offre.uid)
        page.emulate_media(media="screen")
    assert too_long == []


def test_offer_pages_say_what_comes_next_and_what_came_before(page, sample_url, sample_directory):
    visa = sample_directory.offres["cyberbase-morlaix/visa-internet-bretagne"]
    page.goto(sample_url + f"offres/{visa.uid}/")
    section = page.locator("section[aria-labelledby='et-apres']")
    names = section.locator("li strong").all_inner_texts()
    assert names[:len(visa.suites)] == [sample_directory.offres[u]["nom"] for u in visa.suites]
    page.goto(sample_url + f"offres/{visa.suites[0]}/")
    before = page.locator("section[aria-labelledby='et-apres']")
    assert "vient souvent après" in before.inner_text() and visa["nom"] in before.locator("li strong").all_inner_texts()
