"""Hostile text in every text field: nothing executes, nothing becomes a javascript: link, the text shows as typed."""
import datetime as dt
import shutil

import pytest
import yaml

from helpers import cli, complete_scaffold
from site_browser import build, http_server

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '<iframe src="javascript:window.__xss=1">',
    "[lien](javascript:window.__xss=1)",
    '" onmouseover="window.__xss=1',
    "</textarea><svg onload=window.__xss=1>",
]

INSPECT = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
      if (/^\\s*javascript:/i.test(a.value)) bad.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
  }
  for (const s of document.querySelectorAll('script')) if (s.textContent.includes('__xss')) bad.push('script');
  if (document.querySelector('iframe, svg[onload], img[onerror]')) bad.push('élément injecté');
  return {xss: typeof window.__xss, bad};
}"""


def _load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path, data):
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def poison(tree, payload: str, sid: str, today: dt.date) -> None:
    """A structure whose every free-text field (structure, venue, offer, partner) holds the payload."""
    folder = tree / sid
    shutil.copytree(tree / "essai", folder)
    structure = _load(folder / "structure.yml")
    structure.update(nom=f"Structure {payload}", description=f"{payload}\n\n- {payload}\n- **{payload}**")
    structure["contact"]["nom"] = payload
    structure["partenaires"] = [{"id": "partenaire", "nom": f"Partenaire {payload}", "type": "caf", "referent": payload,
                                 "contact": {"nom": payload}}]
    _dump(folder / "structure.yml", structure)
    lieux = _load(folder / "lieux.yml")
    venue = lieux["lieux"][0]
    venue.update(nom=f"Lieu {payload}", hote=payload, adresse=f"1 {payload}", complement_adresse=payload,
                 transports=payload, contact={"nom": payload})
    venue["accessibilite"]["details"] = payload
    _dump(folder / "lieux.yml", lieux)
    offer_file = next((folder / "offres").glob("*.yml"))
    offre = _load(offer_file)
    day = (today + dt.timedelta(days=7)).isoformat()
    offre.update(
        nom=f"Offre {payload}", resume=f"Résumé {payload}", description=f"{payload}\n\n* {payload}\n\n*{payload}*",
        publics_precisions=payload, prerequis=[payload], a_apporter=[payload],
        orientation=[{"partenaire": "partenaire", "modes": ["courriel"], "details": payload}],
        partenaires=["partenaire"], financeurs=["partenaire"], contact={"nom": payload},
        statut={"etat": "suspendue", "motif": payload},
        sessions=[{"debut": day, "fin": day, "note": payload, "places": 5,
                   "seances": [{"date": day, "debut": "14:00", "fin": "16:00", "theme": payload}]}],
    )
    offre["inscription"]["details"] = payload
    offre["frais"]["details"] = payload
    _dump(offer_file, offre)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("xss")
    proc = cli("new", "essai", cwd=base)
    assert proc.returncode == 0, proc.stderr
    tree = base / "offers"
    complete_scaffold(tree / "essai")
    today = dt.date.fromisoformat(_load(tree / "essai" / "structure.yml")["date_maj"])
    for i, payload in enumerate(PAYLOADS):
        poison(tree, payload, f"piege-{i}", today)
    return build(tree, base / "site", today)


def test_payloads_never_run_and_show_literally(hostile_site, browser):
    pages = ["", "territoires/", "segments/", "a-propos/"]
    for i, payload in enumerate(PAYLOADS):
        sid = f"piege-{i}"
        offer = next((hostile_site / "offres" / sid).iterdir()).name
        pages += [f"offres/{sid}/{offer}/", f"lieux/{sid}/siege/", f"structures/{sid}/"]
    pages += [p.parent.relative_to(hostile_site).as_posix() + "/" for p in sorted(hostile_site.glob("communes/*/index.html"))]
    pages += [p.parent.relative_to(hostile_site).as_posix() + "/" for p in sorted(hostile_site.glob("segments/*/index.html"))]
    # Orientation pages: the search and the assistant build their lists from the index in the browser.
    pages += ["recherche/?q=offre", "orienter/", "partenaires/caf/"]
    pages += [p.parent.relative_to(hostile_site).as_posix() + "/" for p in sorted(hostile_site.glob("offres/*/*/fiche/index.html"))]
    context = browser.new_context()
    page = context.new_page()
    with http_server(hostile_site) as url:
        for path in pages:
            page.goto(url + path)
            page.mouse.move(200, 300)
            page.mouse.move(600, 500)
            state = page.evaluate(INSPECT)
            assert state == {"xss": "undefined", "bad": []}, path
        for i, payload in enumerate(PAYLOADS):
            sid = f"piege-{i}"
            offer = next((hostile_site / "offres" / sid).iterdir()).name
            page.goto(url + f"offres/{sid}/{offer}/")
            text = page.locator("article.md-content__inner").inner_text()
            assert f"Offre {payload}" in text and f"Résumé {payload}" in text
            # Every field shows up: name, résumé, description, précisions, prérequis, orientation, note, theme…
            assert text.count(payload) >= 12, (payload, text.count(payload))
            assert payload in page.title()
            assert page.locator('meta[name="description"]').get_attribute("content") == f"Résumé {payload}"
            page.goto(url + "recherche/?q=offre")
            page.wait_for_function("document.documentElement.hasAttribute('data-recherche-rendus')")
            assert f"Offre {payload}" in page.locator("#rresultats").inner_text()
            assert page.evaluate(INSPECT) == {"xss": "undefined", "bad": []}
            page.goto(url + f"lieux/{sid}/siege/")
            assert f"Lieu {payload}" in page.locator("article h1").inner_text()
            page.goto(url + f"structures/{sid}/")
            assert f"Structure {payload}" in page.locator("article h1").inner_text()
    context.close()
    for html_file in hostile_site.rglob("*.html"):
        content = html_file.read_text(encoding="utf-8")
        assert "<script>window.__xss" not in content and "onerror=\"window" not in content, html_file
