"""Search, assistant, printable sheet and partner pages of the sample site in Chromium.

Expected results are computed from the Directory, never written down."""
import re
from collections import Counter

import pytest

from generator import geography, referentials
from generator.orientation.assistant import recommend
from generator.site import timetable
from generator.site.french import date_long
from site_browser import serious_violations

pytestmark = pytest.mark.browser

MORLAIX_TAX = "cyberbase-morlaix/atelier-impots-en-ligne"


def departements(directory, offre):
    return {geography.commune(directory.lieux[u]["code_insee"]).departement for u in offre.lieux}


def wait_results(page):
    page.wait_for_function("document.documentElement.hasAttribute('data-recherche-rendus')")


def shown_uids(page):
    return [re.search(r"offres/(.+)/$", h).group(1) for h in
            page.locator("#rresultats li > a").evaluate_all("els => els.map(e => e.getAttribute('href'))")]


def test_shareable_url_shows_the_morlaix_tax_workshop(page, sample_url, sample_directory):
    page.goto(sample_url + "recherche/?q=impots&commune=29151")
    wait_results(page)
    assert MORLAIX_TAX in shown_uids(page)
    assert shown_uids(page)[0] == MORLAIX_TAX, "l'offre de la commune choisie passe en tête"
    assert page.locator("#rq").input_value() == "impots"
    # The field shows the name and postcode: an INSEE code there would be read as a postcode (issue 8).
    assert page.locator("#rcommune").input_value() == "Morlaix (29600)"
    first = page.locator("#rresultats li").first
    assert sample_directory.offres[MORLAIX_TAX]["nom"] in first.inner_text()
    assert re.search(r"Morlaix · à \d,\d km", first.inner_text()), "la distance depuis la commune choisie"


def test_shared_link_shows_its_result_without_scrolling(browser, sample_url):
    # An agent opening a link sent by a colleague sees the answer first, the filters folded.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    page = context.new_page()
    page.goto(sample_url + "recherche/?q=impots&commune=29151")
    wait_results(page)
    box = page.locator("#rresultats li a").first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 800
    context.close()


def test_text_search_ignores_accents_and_case(page, sample_url):
    page.goto(sample_url + "recherche/?q=impots")
    wait_results(page)
    plain = shown_uids(page)
    page.goto(sample_url + "recherche/?q=IMP%C3%94TS")
    wait_results(page)
    assert shown_uids(page) == plain and plain


def test_three_facets_give_the_counts_of_the_data(page, sample_url, sample_directory):
    offres = list(sample_directory.offres.values())
    dep = Counter(d for o in offres for d in departements(sample_directory, o)).most_common(1)[0][0]
    in_dep = [o for o in offres if dep in departements(sample_directory, o)]
    # The segment with the most offers without registration (the sample's nine accès-libre venues of one
    # network are one offer since issue 14: the most common segment alone may have none).
    segment = Counter(o["segment"] for o in in_dep if not o["inscription"]["obligatoire"]).most_common(1)[0][0]
    expected = [o for o in in_dep if o["segment"] == segment and not o["inscription"]["obligatoire"]]
    assert expected, "les données d'exemple doivent avoir des offres sans inscription dans ce segment"
    page.goto(sample_url + "recherche/")
    wait_results(page)
    assert page.locator("#rcompte").inner_text().startswith(f"{len(offres)} offres")
    page.select_option("#rdepartement", dep)
    page.select_option("#rsegment", segment)
    page.select_option("#rinscription", "non")
    n = len(expected)
    assert page.locator("#rcompte").inner_text().startswith(f"{n} offre{'s' if n > 1 else ''} trouvée")
    assert set(shown_uids(page)) == {o.uid for o in expected}
    # Each option counts the offers it would give, the other filters staying applied.
    seg_label = referentials.label("segments", segment)
    assert page.locator("#rsegment option", has_text=seg_label).inner_text() == f"{seg_label} ({n})"
    with_registration = [o for o in in_dep if o["segment"] == segment and o["inscription"]["obligatoire"]]
    assert page.locator("#rinscription option[value='oui']").inner_text() == f"Avec inscription ({len(with_registration)})"
    dep_label = f"{geography.departement(dep).nom} ({dep})"
    assert page.locator(f"#rdepartement option[value='{dep}']").inner_text() == f"{dep_label} ({n})"
    # The URL is the state: reopening it gives the same list.
    assert re.search(rf"departement={dep}&segment={segment}&inscription=non", page.url)
    page.goto(page.url)
    wait_results(page)
    assert set(shown_uids(page)) == {o.uid for o in expected}
    assert page.locator("#rsegment").input_value() == segment


def test_keyboard_and_live_region(page, sample_url):
    page.goto(sample_url + "recherche/")
    wait_results(page)
    status = page.locator("#rcompte")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    page.locator("#rq").focus()
    page.keyboard.type("zzzzzz")
    assert status.inner_text().startswith("Aucune offre")
    for _ in range(6):
        page.keyboard.press("Backspace")
    page.locator("#rpmr").focus()
    page.keyboard.press("Space")
    assert page.locator("#rpmr").is_checked() and "pmr=1" in page.url
    for control in page.locator("#annuaire-recherche select, #annuaire-recherche input").all():
        assert control.evaluate("e => e.labels && e.labels.length > 0"), control.get_attribute("id")


def test_assistant_caf_no_mouse_lamballe(page, sample_url, sample_directory):
    answers = {"besoin": "demarche", "aisance": "non"}
    rule = recommend(answers)
    page.goto(sample_url + "orienter/")
    page.locator("#oform button[type=submit]").wait_for(state="visible")
    page.check("#o-besoin-demarche")
    page.check("#o-aisance-non")
    page.select_option("#o-organisme", "demarches-caf")
    page.fill("#ocommune", "22400")
    page.press("#ocommune", "Enter")
    # Several communes share this postcode: the agent is asked to pick one, nothing is guessed.
    page.wait_for_function("document.getElementById('ocommune').getAttribute('aria-invalid') === 'true'")
    assert "Plusieurs communes" in page.locator("#ocommune-aide").inner_text()
    page.fill("#ocommune", "lamballe armor")
    page.press("#ocommune", "Enter")
    expect_value = "Lamballe-Armor (22400)"
    page.wait_for_function(f"document.getElementById('ocommune').value === {expect_value!r}")
    page.click("#oform button[type=submit]")
    page.locator("#ooffres li").first.wait_for()
    advice = page.locator("#osegments").inner_text()
    assert set(rule["segments"]) <= {"atelier", "formation"}
    assert any(referentials.label("segments", s) in advice for s in ("atelier", "formation"))
    assert page.locator("#oraison").inner_text() == rule["raison"].strip()
    uids = [re.search(r"offres/(.+)/$", h).group(1) for h in
            page.locator("#ooffres > li > a:first-child").evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    assert all(sample_directory.offres[u]["segment"] in rule["segments"] for u in uids)
    in_lamballe = [u for u in uids if any(sample_directory.lieux[v]["code_insee"] == "22093"
                                          for v in sample_directory.offres[u].lieux)]
    # Recommended type first, then distance: in each type, the offers of Lamballe-Armor come first.
    assert in_lamballe and uids[0] in in_lamballe
    for segment in rule["segments"]:
        of_type = [u for u in uids if sample_directory.offres[u]["segment"] == segment]
        local = [u for u in of_type if u in in_lamballe]
        assert of_type[:len(local)] == local, "les offres de Lamballe-Armor d'abord dans chaque type"
    link = page.locator("#olien").get_attribute("href")
    assert "commune=22093" in link and "segment=" in link


def richest_sheet(directory):
    found = [o for o in directory.offres.values()
             if o.get("a_apporter") and timetable.upcoming_seances(o.get("sessions"), directory.today)]
    return max(found, key=lambda o: (len(o["a_apporter"]), o.uid))


def test_printed_sheet_has_what_the_person_needs_and_sends_nothing(page, sample_url, sample_directory):
    offre = richest_sheet(sample_directory)
    page.goto(sample_url + f"offres/{offre.uid}/")
    page.get_by_role("link", name=re.compile("Fiche d'orientation")).click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"offres/{offre.uid}/fiche/")
    requests = []
    # Chromium may ask for the page's icon late, after the network is idle: that is the browser, not the fields.
    page.on("request", lambda r: None if r.url.endswith("/favicon.png") else requests.append(r.url))
    page.fill("#fiche-prenom", "Josiane")
    page.fill("#fiche-agent", "Karim, CAF de Saint-Brieuc")
    page.keyboard.press("Tab")
    assert requests == [], "les champs de la fiche ne doivent rien envoyer"
    assert page.locator("form").count() == 0
    page.emulate_media(media="print")
    body = page.locator("article").inner_text()
    assert offre["nom"] in body
    first = timetable.upcoming_seances(offre["sessions"], sample_directory.today, limit=1)[0]
    assert date_long(first["iso"]).capitalize() in body
    for item in offre["a_apporter"]:
        assert item in body
    contact = {**(sample_directory.structure_of(offre).get("contact") or {}), **(offre.get("contact") or {})}
    if contact.get("telephone"):
        assert page.locator("a[href^='tel:']").first.is_visible()
    qr = page.locator(".annuaire-qr img")
    assert qr.is_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    assert f"https://annuaire-mediation.example.org/offres/{offre.uid}/" in body
    prenom = page.locator("#fiche-prenom")
    assert prenom.is_visible() and prenom.input_value() == "Josiane"
    assert not page.locator(".annuaire-ecran").first.is_visible()
    assert not page.locator(".md-header").is_visible()
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, "la fiche tient sur une page A4"
    assert requests == []


PAGES = {"recherche": "recherche/?q=atelier&commune=22093", "orienter": "orienter/",
         "fiche": f"offres/{MORLAIX_TAX}/fiche/", "partenaire": "partenaires/dgfip/", "partenaires": "partenaires/"}


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_accessibility_and_mobile_width(browser, sample_url, kind):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.goto(sample_url + PAGES[kind])
    if kind == "recherche":
        wait_results(page)
    if kind == "orienter":
        page.locator("#oform button[type=submit]").wait_for(state="visible")
        page.check("#o-besoin-bases")
        page.click("#oform button[type=submit]")
        page.locator("#ooffres li").first.wait_for()
    assert serious_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 812})
    page.reload()
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_without_javascript(browser, sample_url, sample_directory):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_url + "recherche/")
    notice = page.locator(".annuaire-sans-js")
    assert notice.is_visible() and "JavaScript" in notice.inner_text()
    for target in ("territoires/", "segments/", "thematiques/", "publics/"):
        assert notice.locator(f"a[href$='{target}']").is_visible()
    assert not page.locator("#annuaire-recherche form").is_visible()
    page.goto(sample_url + "orienter/")
    assert page.locator(".annuaire-sans-js").is_visible()
    rules = page.locator(".annuaire-regles li")
    from generator.orientation.assistant import rules as all_rules
    assert rules.count() == len(all_rules()["regles"])
    assert all_rules()["regles"][1]["raison"].strip() in rules.nth(1).inner_text()
    context.close()


def test_partner_page_lists_offers_helping_with_its_procedures(page, sample_url, sample_directory):
    page.goto(sample_url + "partenaires/dgfip/")
    section = page.locator("section[aria-labelledby='demarches']")
    names = set(section.locator("ul.annuaire-liste li strong").all_inner_texts())
    themes = {t.code for t in referentials.get("thematiques").items if t.get("x-type-partenaire") == "dgfip"}
    assert names == {o["nom"] for o in sample_directory.offres.values() if themes & set(o["thematiques"])}
    assert sample_directory.offres[MORLAIX_TAX]["nom"] in names
    page.goto(sample_url + "partenaires/")
    assert page.get_by_role("link", name=referentials.label("types-partenaires", "dgfip")).is_visible()


def test_open_now_and_upcoming_seances_follow_the_clock(browser, sample_url, sample_directory):
    import datetime as dt

    from generator.orientation.search_index import build_index

    index = build_index(sample_directory)
    monday = dt.date.fromisoformat(index["lundi"])
    rows = [r for r in index["offres"] if r.get("h") and not r.get("x")]
    minute = min(r["h"][0][0] for r in rows) + 30
    instant = dt.datetime.combine(monday + dt.timedelta(days=minute // 1440), dt.time(), timetable.PARIS) \
        + dt.timedelta(minutes=minute % 1440)
    open_now = {r["u"] for r in index["offres"] if not r.get("x") and any(a <= minute < b for a, b in r.get("h", []))}
    # The clock moves to ten days before the first séance of the data: some fall within 30 days, some after.
    first = min(d[0] for r in index["offres"] for d in r.get("d", []))
    day = first - 10
    soon = {r["u"] for r in index["offres"] if not r.get("x") and any(day <= d[0] <= day + 30 for d in r.get("d", []))}
    later = {r["u"] for r in index["offres"] if r.get("d")} - soon
    assert open_now and soon and later, "les données d'exemple doivent avoir des offres ouvertes et des séances à dates variées"
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    page.clock.set_fixed_time(instant)
    page.goto(sample_url + "recherche/?ouvert=1")
    wait_results(page)
    assert set(shown_uids(page)) == open_now
    assert page.locator("#rouvert").is_checked()
    assert all(t.startswith("Ouvert maintenant") for t in page.locator("#rresultats .annuaire-quand").all_inner_texts())
    page.clock.set_fixed_time(dt.datetime.combine(sample_directory.today + dt.timedelta(days=day), dt.time(10), timetable.PARIS))
    page.goto(sample_url + "recherche/?seances=1")
    wait_results(page)
    assert set(shown_uids(page)) == soon
    assert page.locator("[data-compte='seances']").inner_text() == f"({len(soon)})"
    context.close()


def test_every_sheet_fits_one_a4_page(page, sample_url, sample_directory):
    page.emulate_media(media="print")
    too_long = []
    for uid in sorted(sample_directory.offres):
        page.goto(sample_url + f"offres/{uid}/fiche/")
        if len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4"))) != 1:
            too_long.append(uid)
    assert too_long == []


def test_distance_from_the_browser_position(browser, sample_url, sample_directory):
    venue = sample_directory.lieux[sample_directory.offres[MORLAIX_TAX].lieux[0]]
    here = venue["coordonnees"]
    context = browser.new_context(locale="fr-FR", geolocation={"latitude": here["latitude"], "longitude": here["longitude"]},
                                  permissions=["geolocation"])
    page = context.new_page()
    page.goto(sample_url + "recherche/")
    wait_results(page)
    page.click("#rposition")
    page.wait_for_function("document.getElementById('rposition-etat').textContent.startsWith('Offres classées')")
    at_venue = {o.uid for o in sample_directory.offres_at(venue.uid)}
    uids = shown_uids(page)
    assert set(uids[:len(at_venue)]) == at_venue, "les offres du lieu où l'on se trouve d'abord"
    assert "à 0,0 km" in page.locator("#rresultats li").first.inner_text()
    assert "latitude" not in page.url and str(here["latitude"]) not in page.url, "la position ne va pas dans l'adresse"
    context.close()


def test_entry_points_lead_to_search_assistant_and_partners(page, sample_url):
    page.goto(sample_url)
    nav = page.locator("nav.md-nav--primary")
    for name, target in (("Rechercher", "recherche/"), ("J'oriente une personne", "orienter/"),
                         ("Par organisme partenaire", "partenaires/")):
        assert nav.get_by_role("link", name=name, exact=True).first.get_attribute("href").endswith(target)
    content = page.locator("article")
    assert content.locator("a[href$='recherche/']").count() >= 1
    assert content.locator("a[href$='orienter/']").count() >= 1
