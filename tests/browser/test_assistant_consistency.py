"""The assistant never contradicts the agent (issue 9, point 3), checked on a large systematic sample of its
answer space against the sample data: the page's own advisor (orientation.js) runs in Chromium for every
combination, and each advice is checked in Python against the Directory and the rules file.

Sample: every need × skill × urgency × age × situation (11,232 combinations), the other answers (body,
availability, distance, language, disability, commune) turning through their values with co-prime steps so
that each value meets many others."""
import itertools
import json
import re

import pytest

from generator import referentials
from generator.orientation import assistant
from generator.orientation.search_index import build_index
from orientation_oracle import CHILD_PUBLICS, Offers, person, place_of

pytestmark = pytest.mark.browser

SITUATIONS = [[], ["emploi"], ["minima"], ["francais"], ["qpv"], ["parent"], ["professionnel"], ["benevole"],
              ["entrepreneur"], ["emploi", "minima"], ["francais", "qpv"], ["professionnel", "benevole", "entrepreneur"]]
COMMUNES = [None, "29151", "56121", "56098", "22093", "22054", "56007", "56083", "22258", "35238", "29019"]
CHUNK = 1500
# The clock of the advice: the index's first day, 10 h (the order by next date must not depend on the test's hour).
NOW = {"day": 0, "minute": 10 * 60}

ADVISE = """async ([combos, now]) => {
  if (!window.__advisor) {
    const { Engine } = await import('/assets/recherche/engine.js');
    const { Advisor } = await import('/assets/recherche/orientation.js');
    const root = document.getElementById('annuaire-orienter');
    const engine = await Engine.load(root.getAttribute('data-index'));
    const rules = await (await fetch(root.getAttribute('data-regles'))).json();
    window.__advisor = new Advisor(engine, rules);
  }
  // Texts are sent once and referred to by position: the same sentences come back thousands of times.
  const texts = [], pos = new Map();
  const t = (s) => { if (!pos.has(s)) { pos.set(s, texts.length); texts.push(s); } return pos.get(s); };
  const item = (o) => [t(o.uid), t(o.why)];
  const results = combos.map(([answers, place]) => {
    const r = window.__advisor.advise(answers, place, now);
    return [t(r.rule.id), t(r.summary), t(r.advice), t(r.raison), t(r.count), r.notes.map(t), r.offers.map(item),
      r.relaxed ? [t(r.relaxed.text), r.relaxed.offers.map(item)] : null,
      r.next ? [t(r.next.text), r.next.offers.map((o) => t(o.uid))] : null];
  });
  return JSON.stringify([texts, results]);
}"""


def decode(data):
    texts, results = json.loads(data)
    pairs = lambda items: [(texts[u], texts[w]) for u, w in items]
    return [{"rule": texts[r[0]], "summary": texts[r[1]], "advice": texts[r[2]], "raison": texts[r[3]], "count": texts[r[4]],
             "notes": [texts[i] for i in r[5]], "offers": pairs(r[6]),
             "relaxed": {"text": texts[r[7][0]], "offers": pairs(r[7][1])} if r[7] else None,
             "next": {"text": texts[r[8][0]], "offers": [texts[i] for i in r[8][1]]} if r[8] else None} for r in results]


def values(qid, empty=True):
    codes = [a["code"] for a in assistant.question(qid)["reponses"]]
    return ([None] if empty else []) + codes


def combinations():
    others = {
        "organisme": values("organisme"),
        "disponibilite": [list(s) for n in range(3) for s in itertools.combinations(values("disponibilite", False), n)],
        "distance": values("distance"),
        "langue": values("langue"),
        "handicap": values("handicap"),
        "commune": COMMUNES,
    }
    steps = {"organisme": 3, "disponibilite": 5, "distance": 3, "langue": 7, "handicap": 5, "commune": 7}
    core = itertools.product(values("besoin"), values("aisance"), values("urgence"), values("age"), SITUATIONS)
    for n, (besoin, aisance, urgence, age, situation) in enumerate(core):
        answers = {"besoin": besoin, "aisance": aisance, "urgence": urgence, "age": age, "situation": situation}
        for key, options in others.items():
            if key != "commune":
                answers[key] = options[(n * steps[key] + n // len(options)) % len(options)]
        answers = {k: v for k, v in answers.items() if v}
        yield answers, place_of(others["commune"][(n * steps["commune"] + n // 11) % len(COMMUNES)])


@pytest.fixture(scope="module")
def advices(browser, sample_url):
    page = browser.new_page()
    page.goto(sample_url + "orienter/")
    page.wait_for_selector("[data-assistant-pret]")
    combos = list(combinations())
    out = []
    for i in range(0, len(combos), CHUNK):
        # One JSON text per chunk: far faster through the DevTools protocol than nested objects.
        out += decode(page.evaluate(ADVISE, [combos[i:i + CHUNK], NOW]))
    page.close()
    return [((answers, place), res, person(answers)) for (answers, place), res in zip(combos, out)]


@pytest.fixture(scope="module")
def offers(sample_directory):
    return Offers(sample_directory, build_index(sample_directory))


def test_the_sample_is_large_and_covers_every_answer(advices):
    assert len(advices) >= 10_000
    seen = {(q, v) for (answers, _), _, _ in advices for q, a in answers.items() for v in (a if isinstance(a, list) else [a])}
    for q in assistant.rules()["questions"]:
        for a in q["reponses"]:
            assert (q["id"], a["code"]) in seen, (q["id"], a["code"])
    assert {r["rule"] for _, r, _ in advices} == {r["id"] for r in assistant.rules()["regles"]}, "chaque règle s'applique au moins une fois"


def _failures(advices, check):
    bad = []
    for (answers, place), res, p in advices:
        problem = check(answers, place, res, p)
        if problem:
            bad.append((answers, place and place["nom"], problem))
    return bad[:5], len(bad)


def _all_proposed(res):
    return [u for u, _ in res["offers"]] + [u for u, _ in (res["relaxed"] or {}).get("offers", [])]


def test_no_offer_needs_skills_the_person_was_said_not_to_have(advices, offers):
    def check(answers, place, res, p):
        if p.level is None:
            return None
        over = [u for u in _all_proposed(res) if offers.level(u) > p.level]
        # The next step comes after learning: one level more at most.
        over += [u for u in (res["next"] or {}).get("offers", []) if offers.level(u) > p.level + 1]
        return over
    assert _failures(advices, check) == ([], 0)


def test_no_offer_whose_publics_exclude_the_person(advices, offers, sample_directory):
    def check(answers, place, res, p):
        proposed = _all_proposed(res) + (res["next"] or {}).get("offers", [])
        wrong = [u for u in proposed if not offers.open_to(u, p) or not offers.proposable(u)]
        # The report's examples, said without the rules' words: an adult who looks for nothing for a child
        # is never sent to children's or youth offers.
        if answers.get("age") in ("adulte", "senior") and answers.get("besoin") != "enfant" and "parent" not in answers.get("situation", []):
            wrong += [u for u in proposed if set(sample_directory.offres[u]["publics"]) <= CHILD_PUBLICS]
        return wrong
    assert _failures(advices, check) == ([], 0)


def test_no_sentence_states_an_answer_that_was_not_given(advices):
    def check(answers, place, res, p):
        texts = [res["summary"], res["advice"], res["raison"], res["count"], *res["notes"],
                 *(w for _, w in res["offers"]), *(w for _, w in (res["relaxed"] or {}).get("offers", [])),
                 (res["relaxed"] or {}).get("text", ""), (res["next"] or {}).get("text", "")]
        said = "\n".join(texts).casefold()
        stated = [(q, dit) for q, dit in p.unsaid() if dit.casefold() in said]
        expected = "La personne : " + " ; ".join(p.said() + ([f"habite {place['nom']}"] if place else [])) + "." \
            if p.said() or place else ""
        if res["summary"] != expected:
            stated.append(("résumé", res["summary"]))
        if res["rule"] != p.rule["id"] or res["raison"] != p.rule["raison"]:
            stated.append(("règle", res["rule"], p.rule["id"]))
        # A public named as the reason for an offer is one the person belongs to.
        labels = {referentials.label("publics", c) for c in p.publics}
        stated += [("public", x) for x in re.findall(r"public « ([^»]+) »", said) if x not in {l.casefold() for l in labels}]
        return stated
    assert _failures(advices, check) == ([], 0)


def test_the_offers_are_those_that_fit_in_the_recommended_order(advices, offers, sample_directory):
    def check(answers, place, res, p):
        segments = p.rule["segments"]
        got = [u for u, _ in res["offers"]]
        problems = []
        if set(got) != offers.expected(p, place, segments):
            problems.append(("liste", sorted(set(got) ^ offers.expected(p, place, segments))))
        order = [segments.index(sample_directory.offres[u]["segment"]) for u in got]
        if order != sorted(order):
            problems.append(("ordre des types", order))
        first = offers.expected(p, place, segments[:1])
        if first and sample_directory.offres[got[0]]["segment"] != segments[0]:
            problems.append(("premier type", got[0]))
        # Widened proposals never drop what must hold, and the page is never empty.
        problems += [("élargi", u) for u, _ in (res["relaxed"] or {}).get("offers", []) if not offers.kept(u, p)]
        if not got and not res["relaxed"] and "Cherchez plus largement" not in res["count"] and "vide la liste" not in res["count"]:
            problems.append(("page vide", res["count"]))
        return problems
    assert _failures(advices, check) == ([], 0)


def test_ranking_is_segment_then_fit_to_the_person_then_distance(advices, offers, sample_directory):
    """Point 4: the recommended order of segments, then fit to the person's public (and disability or language),
    then distance from the commune's centre, with the search's distances (nearest venue; 20 km at a distance)."""
    def check(answers, place, res, p):
        segments = p.rule["segments"]
        keys = [(segments.index(sample_directory.offres[u]["segment"]), -offers.person_fit(u, p), offers.km(u, place))
                for u, _ in res["offers"]]
        bad = [(res["offers"][i][0], a, b) for i, (a, b) in enumerate(zip(keys, keys[1:]))
               if a[:2] > b[:2] or (a[:2] == b[:2] and a[2] > b[2] + 0.01)]
        # The distance the page writes is that distance.
        for u, why in res["offers"] if place else ():
            km = offers.venue_km(u, place)
            m = re.search(r" · à ([\d,]+) km", why)
            if km is None:
                if m:
                    bad.append((u, why, None))
            elif not m or abs(float(m.group(1).replace(",", ".")) - km) > (0.051 if km < 10 else 0.51):
                bad.append((u, why, round(km, 2)))
        return bad
    assert _failures(advices, check) == ([], 0)
