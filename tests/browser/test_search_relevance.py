"""Relevance table: what partner agents and residents really type (the report's procedures, its publics,
typos, acronyms, former commune names, postcodes), with the offers a person would expect in the first
three results. Run through the real engine modules in Chromium, on the sample site."""
import pytest

pytestmark = pytest.mark.browser

# (words typed, place typed in the commune field or "", offers expected among the first 3). The nine
# accès-libre venues of Lamballe Terre & Mer are one offer with hours per venue (issue 14).
TABLE = [
    ("caf", "Auray", ["defis/permanence-bois-du-chateau", "defis/permanence-kervenanec"]),
    ("CAF", "Lorient", ["defis/permanence-bois-du-chateau", "defis/permanence-kervenanec"]),
    ("allocations", "Lorient", ["defis/permanence-kervenanec", "defis/permanence-bois-du-chateau"]),
    ("impots", "Morlaix", ["cyberbase-morlaix/atelier-impots-en-ligne"]),
    ("impot", "29600", ["cyberbase-morlaix/atelier-impots-en-ligne"]),
    ("déclarer mes impôts", "", ["cyberbase-morlaix/atelier-impots-en-ligne"]),
    ("trésor public", "", ["cyberbase-morlaix/atelier-impots-en-ligne"]),
    ("carte grise", "Lamballe", ["lamballe-terre-et-mer/acces-libre"]),
    ("pole emploi", "Morlaix", ["cyberbase-morlaix/atelier-profil-competences"]),
    ("france travail", "", ["cyberbase-morlaix/atelier-profil-competences"]),
    ("actualisation", "", ["cyberbase-morlaix/atelier-profil-competences"]),
    ("CV", "Lanester", ["defis/numerique-et-emploi"]),
    ("carte vitale", "", ["cyberbase-morlaix/atelier-services-publics-en-ligne"]),
    ("débutant", "Lanester", ["defis/numerique-au-quotidien"]),
    ("debutants", "Auray", ["defis/savoirs-de-base-auray"]),
    ("jamais utilisé un ordinateur", "Lanester", ["defis/numerique-au-quotidien"]),
    ("retraités", "Lorient", ["defis/savoirs-de-base-retraites", "defis/smartphone-retraites"]),
    ("seniors ordinateur", "Auray", ["defis/savoirs-de-base-auray"]),
    ("personnes âgées", "Morlaix", ["cyberbase-morlaix/coup-de-pouce-informatique"]),
    ("migrants", "", ["defis/numerique-personnes-migrantes"]),
    ("réfugiés", "Lorient", ["defis/ateliers-kerguillette-petit-paradis"]),
    ("smarphone", "", ["lamballe-terre-et-mer/ateliers-smartphone-tablette", "defis/smartphone-retraites"]),
    ("telephone portable", "Lanester", ["defis/smartphone-retraites"]),
    ("adresse mail", "Erquy", ["lamballe-terre-et-mer/ateliers-internet"]),
    ("arnaques", "Morlaix", ["cyberbase-morlaix/atelier-environnement-numerique-securite"]),
    ("réparer ordinateur", "Hennebont", ["defis/repair-cafe-hennebont"]),
    ("repair café", "", ["defis/repair-cafe-hennebont", "defis/repair-cafe-auray"]),
    ("ordinateur pas cher", "", ["defis/vente-ordinateurs-reconditionnes"]),
    ("prêt ordinateur", "", ["defis/pret-ordinateurs"]),
    ("minecraft", "", ["lamballe-terre-et-mer/animation-minecraft"]),
    ("robot", "22400", ["lamballe-terre-et-mer/animation-robot-thymio"]),
    ("handicap psychique", "", ["defis/numerique-et-handicap-psychique"]),
    ("site web association", "", ["cyberbase-morlaix/web-communication-associations"]),
    ("harcèlement", "", ["cyberbase-morlaix/fiction-harcelement-college"]),
    ("RSA", "Lanester", ["defis/numerique-au-quotidien"]),
    ("logiciels libres", "", ["defis/install-party-logiciels-libres"]),
    ("accès libre", "Quessoy", ["lamballe-terre-et-mer/acces-libre"]),
    ("imprimer un document", "Meslin", ["lamballe-terre-et-mer/acces-libre"]),
    ("visa internet", "Morlaix", ["cyberbase-morlaix/visa-internet-bretagne"]),
    ("mission locale", "", ["defis/ateliers-jeunes-mission-locale"]),
    ("formation agents", "", ["lamballe-terre-et-mer/formations-agents-ltm"]),
    ("ateliers jeunes", "Lorient", ["defis/ateliers-jeunes-mission-locale"]),
]

RUN = """async ([table]) => {
  const {Engine} = await import('../assets/recherche/engine.js');
  const {Communes} = await import('../assets/recherche/communes.js');
  const engine = await Engine.load('../recherche/index.json');
  const communes = new Communes('../recherche/communes.json');
  await communes.load();
  return table.map(([q, where]) => {
    const c = where ? communes.resolve(where).commune : null;
    const r = engine.search({q: q, commune: c ? c.code : undefined}, Communes.asPlace(c));
    return r.offers.slice(0, 3).map((e) => e.o.u);
  });
}"""


def test_table_is_large_enough():
    assert len(TABLE) >= 30


def test_expected_offers_come_first(page, sample_url, sample_directory):
    for _, _, expected in TABLE:
        assert set(expected) <= set(sample_directory.offres), expected
    page.goto(sample_url + "recherche/")
    tops = page.evaluate(RUN, [[[q, where] for q, where, _ in TABLE]])
    misses = [(q, where, expected, top) for (q, where, expected), top in zip(TABLE, tops) if not set(expected) <= set(top)]
    assert misses == [], "\n".join(f"« {q} » ({where or 'sans commune'}) : attendu {e}, obtenu {t}" for q, where, e, t in misses)
