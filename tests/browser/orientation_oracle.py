"""What the assistant may propose, computed in Python from the Directory and the rules file, independently of
the browser code: the person the answers describe, and the offers that pass every filter the answers set.

The exhaustive test compares the page's advice (site_overrides/assets/recherche/orientation.js, run in
Chromium) with this."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator import geography, referentials
from generator.orientation import assistant
from generator.orientation.url_state import PROXIMITIES, RADII_KM, RINGS

LEVEL = {i.code: i.get("x-rang") for i in referentials.get("niveaux").items}
CHILD_PUBLICS = {"enfants", "jeunes", "familles"}


def place_of(code: str | None) -> dict | None:
    """A commune as the browser holds it (communes.json: centres to 1/10,000 degree)."""
    if not code:
        return None
    c = geography.commune(code)
    return {"code": c.code, "nom": c.nom, "lat": round(c.latitude, 4), "lon": round(c.longitude, 4), "epci": c.epci or "",
            "dep": c.departement}


@dataclass
class Person:
    given: dict  # question -> [answer dicts], only the answers that count (a follow-up question needs its answer)
    rule: dict
    publics: set = field(default_factory=set)
    level: int | None = None
    themes: set | None = None
    pmr: bool = False
    mask: int = 0
    proximite: str | None = None
    langue: str | None = None
    adapt: set = field(default_factory=set)

    def said(self) -> list[str]:
        return [a["dit"] for q in assistant.rules()["questions"] for a in self.given.get(q["id"], [])]

    def unsaid(self) -> list[tuple[str, str]]:
        """(question, dit) of every answer that was not given."""
        return [(q["id"], a["dit"]) for q in assistant.rules()["questions"] for a in q["reponses"]
                if a not in self.given.get(q["id"], [])]


def person(answers: dict) -> Person:
    given, codes = {}, {}
    for q in assistant.rules()["questions"]:
        raw = answers.get(q["id"])
        wanted = [] if raw in (None, "") else [raw] if isinstance(raw, str) else list(raw)
        chosen = [a for a in q["reponses"] if a["code"] in wanted]
        if q["choix"] == "un":
            chosen = chosen[:1]
        shown = all(set(codes.get(k, ())) & set(v) for k, v in q.get("si", {}).items())
        if chosen and shown:
            given[q["id"]] = chosen
            codes[q["id"]] = [a["code"] for a in chosen]
    rule = assistant.recommend(codes)
    p = Person(given, rule)
    for answers_of in given.values():
        for a in answers_of:
            p.publics |= set(a.get("publics", ()))
            if "niveau" in a:
                p.level = a["niveau"]
            p.pmr |= bool(a.get("pmr"))
            p.mask |= a.get("masque", 0)
            p.proximite = a.get("proximite", p.proximite)
            p.langue = a.get("langue", p.langue)
            p.adapt |= {a["adaptation"]} if "adaptation" in a else set()
    need = given.get("besoin")
    themes = rule.get("themes") or (need[0].get("themes") if need else None)
    p.themes = set(themes) if themes else None
    return p


class Offers:
    """The sample's offers as facts the filters need (coordinates and time slots as the index carries them)."""

    def __init__(self, directory, index):
        self.directory = directory
        self.rows = {r["u"]: r for r in index["offres"]}
        scale = index["echelle"]
        self.venues = [(None if v[0] is None else v[0] / scale, None if v[1] is None else v[1] / scale,
                        index["communes"][v[2]][0]) for v in index["lieux"]]

    def level(self, uid) -> int:
        return LEVEL[self.directory.offres[uid].niveau]

    def open_to(self, uid, p: Person) -> bool:
        publics = set(self.directory.offres[uid].get("publics", ()))
        return "tous-publics" in publics or bool(publics & p.publics)

    def proposable(self, uid) -> bool:
        o = self.directory.offres[uid]
        return o.active and not o.get("reserve_adherents")

    def kept(self, uid, p: Person) -> bool:
        """The filters that are never relaxed: publics, level, need, wheelchair, an offer that runs."""
        o = self.directory.offres[uid]
        return (self.proposable(uid) and self.open_to(uid, p)
                and (p.level is None or self.level(uid) <= p.level)
                and (p.themes is None or bool(p.themes & set(o.get("thematiques", ()))))
                and (not p.pmr or any((self.directory.lieux[v].get("accessibilite") or {}).get("pmr") for v in o.lieux)))

    def within(self, uid, p: Person, place) -> bool:
        o = self.directory.offres[uid]
        if not place or not p.proximite or o.get("a_distance"):
            return True
        row = self.rows[uid]
        venues = [self.venues[i] for i in row.get("v", [])]
        if p.proximite in RINGS:
            limit = RINGS.index(p.proximite)
            rings = []
            for _, _, code in venues:
                c = geography.commune(code)
                rings.append(0 if code == place["code"] else 1 if place["epci"] and c.epci == place["epci"]
                             else 2 if c.departement == place["dep"] else 3)
            return bool(rings) and min(rings) <= limit
        radius = RADII_KM[PROXIMITIES.index(p.proximite)]
        kms = [geography.distance_km(place["lat"], place["lon"], lat, lon) for lat, lon, _ in venues if lat is not None]
        return bool(kms) and min(kms) <= radius

    def fits(self, uid, p: Person, place) -> bool:
        """Every filter the answers set (the main list of the advice)."""
        o, row = self.directory.offres[uid], self.rows[uid]
        return (self.kept(uid, p)
                and (not p.mask or bool(row["m"] & p.mask))
                and (p.langue is None or p.langue in o.get("langues", ("fr",)))
                and self.within(uid, p, place))

    def person_fit(self, uid, p: Person) -> int:
        """How well an offer fits the person, ranked before distance: 2 for their public, 1 for their disability or
        language (an adapted offer, or one for people learning French when they speak another language)."""
        o = self.directory.offres[uid]
        publics, care = set(o.get("publics", ())), set(o.get("prises_en_charge", ()))
        adapted = bool(care & p.adapt) or (p.langue not in (None, "fr") and
                                           ("personnes-migrantes" in publics or "langues-etrangeres" in care))
        return 2 * bool(publics & p.publics) + adapted

    def venue_km(self, uid, place) -> float | None:
        """Distance from the commune's centre to the offer's nearest venue (None without a located venue)."""
        kms = [geography.distance_km(place["lat"], place["lon"], lat, lon)
               for lat, lon, _ in (self.venues[i] for i in self.rows[uid].get("v", [])) if lat is not None]
        return min(kms) if kms else None

    def km(self, uid, place) -> float:
        """The distance the ranking uses: nearest venue, else 20 km for an offer at a distance, else far."""
        if not place:
            return 0.0
        km = self.venue_km(uid, place)
        return km if km is not None else 20.0 if self.directory.offres[uid].get("a_distance") else 1e6

    def expected(self, p: Person, place, segments) -> set[str]:
        return {u for u, o in self.directory.offres.items() if o["segment"] in segments and self.fits(u, p, place)}
