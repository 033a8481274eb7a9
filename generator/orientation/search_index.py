"""The client-side search index: one compact JSON document built from the Directory.

Offers are rows of short keys; repeated values (segments, themes, venues, communes, structures)
are listed once and referred to by position, so the index stays small at national scale
(target: ≤ 150 bytes per offer once gzipped, vocabulary included; `benchmarks/bench_search.py`).
The index also carries what the browser must not restate: the URL vocabulary, the search
vocabulary (synonyms per code) and the list of small words to ignore.
"""
from __future__ import annotations

import datetime as dt
import json

import opening_hours

from .. import geography, referentials
from ..model import Directory, Offre
from ..schedule import PARIS, minutes, parse
from . import url_state, vocabulary
from .search_text import STOPWORDS, description_words

FACETS = url_state.FACETS
MOMENTS = url_state.MOMENTS
DAYS = url_state.DAYS
PROXIMITIES = url_state.PROXIMITIES
FLAGS = url_state.FLAGS
SEANCES_AHEAD = 3
# Coordinates travel as integers of 1/10,000 degree (about 10 m): distances shown to 0.1 km stay exact.
COORD_SCALE = 10_000
# "x" of an offer that is not running: 1 suspended or finished, 2 planned (not started yet).
NOT_RUNNING = {"suspendue": 1, "terminee": 1, "prevue": 2}


def _week_intervals(value: str, monday: dt.date) -> list[list[int]]:
    """Open intervals of the reference week as [start, end] minutes since Monday 00:00."""
    start = dt.datetime(monday.year, monday.month, monday.day, tzinfo=PARIS)
    out = []
    for a, b, state, _ in parse(value).intervals(start, start + dt.timedelta(days=7)):
        if state == opening_hours.State.OPEN:
            out.append([int((a - start).total_seconds() // 60), int((b - start).total_seconds() // 60)])
    return out


def _union(intervals) -> list[list[int]]:
    merged: list[list[int]] = []
    for a, b in sorted(intervals):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return merged


def _slot_mask(intervals) -> int:
    """Bit (day × 3 + moment) set when the offer is open during that moment of that day."""
    mask = 0
    for a, b in intervals:
        for day in range(a // 1440, min(7, (b - 1) // 1440 + 1)):
            lo, hi = max(a, day * 1440) - day * 1440, min(b, (day + 1) * 1440) - day * 1440
            for m, (_, m_lo, m_hi) in enumerate(MOMENTS):
                if lo < m_hi and hi > m_lo:
                    mask |= 1 << (day * 3 + m)
    return mask


def _seances(offre: Offre, today: dt.date):
    """Upcoming séances as [days after `today`, start minute, end minute], and the mask of their moments."""
    found, mask = [], 0
    for session in offre.get("sessions", ()):
        for s in session.get("seances", ()):
            day = dt.date.fromisoformat(s["date"])
            start, end = minutes(s["debut"]), minutes(s["fin"])
            mask |= _slot_mask([[day.weekday() * 1440 + start, day.weekday() * 1440 + end]])
            if day >= today:
                found.append([(day - today).days, start, end])
    found.sort()
    return found[:SEANCES_AHEAD], mask


def _coord(value: float) -> int:
    return round(value * COORD_SCALE)


def _phone(contact) -> str:
    return (contact or {}).get("telephone") or ""


class _Table:
    """Values listed once, referred to by position in order of first use."""

    def __init__(self):
        self.pos: dict = {}

    def __call__(self, key) -> int:
        return self.pos.setdefault(key, len(self.pos))

    def keys(self) -> list:
        return list(self.pos)


def _programmes(offre: Offre) -> str:
    """The names of the offer's programmes (Visa Internet Bretagne, Pass numérique…), as words to search."""
    return " ".join(referentials.label("programmes", p) for p in offre.get("programmes", ()))


def build_index(directory: Directory) -> dict:
    today = directory.today
    monday = today - dt.timedelta(days=today.weekday())
    positions = {f: {c: i for i, c in enumerate(referentials.get(r).codes)} for f, r in FACETS.items()}
    organisms = vocabulary.organisms()
    levels = {i.code: i.get("x-rang") for i in referentials.get("niveaux").items}
    organism_pos = {o.code: i for i, o in enumerate(organisms)}
    structures = sorted(directory.structures)
    structure_pos = {sid: i for i, sid in enumerate(structures)}
    venues, communes, words = _Table(), _Table(), _Table()
    rows = []
    for offre in directory.offres.values():
        structure = directory.structure_of(offre)
        venue_ids = [venues(u) for u in offre.lieux]
        for u in offre.lieux:
            communes(directory.lieux[u]["code_insee"])
        # Hours per venue count together: the offer is open when one of its venues is.
        week = _union([iv for hours in offre.hours_values for iv in _week_intervals(hours, monday)])
        seances, seance_mask = _seances(offre, today)
        partners = [structure.partenaire(x["partenaire"]) for x in offre.get("orientation", ())]
        row = {
            "u": offre.uid, "n": offre["nom"], "r": offre["resume"], "s": structure_pos[offre.structure_id],
            "g": positions["segment"][offre["segment"]],
            "t": [positions["theme"][t] for t in offre.get("thematiques", ())],
            "p": [positions["public"][p] for p in offre.get("publics", ())],
            "l": [positions["langue"][x] for x in offre.get("langues", ("fr",))],
            "m": _slot_mask(week) | seance_mask,
        }
        own_phone = _phone(offre.get("contact"))
        # Optional keys are left out when empty: at 20,000 offers every byte counts.
        if offre.get("frais"):  # unknown for an import that could not tell: then no cost facet
            row["f"] = positions["frais"][offre["frais"]["type"]]
        # Unknown registration rules count as « inscription » for the filter: better to call first.
        optional = {"v": venue_ids, "i": int((offre.get("inscription") or {}).get("obligatoire", True)),
                    "a": int(any((directory.lieux[u].get("accessibilite") or {}).get("pmr") for u in offre.lieux)),
                    "h": week, "d": seances, "x": NOT_RUNNING.get(offre.etat, 0),
                    "z": int(bool(offre.get("a_distance"))),
                    # Members only: the assistant never proposes it to a person sent from elsewhere.
                    "ad": int(bool(offre.get("reserve_adherents"))),
                    # What the person must already know, as a rank (0: nothing, left out), for the assistant.
                    "k": levels[offre.niveau],
                    "e": [positions["adaptation"][x] for x in offre.get("prises_en_charge", ())],
                    "o": sorted({organism_pos[p["type"]] for p in partners if p and p["type"] in organism_pos}),
                    # The structure's phone is listed once with the structure; an offer's own number only when it differs.
                    "y": own_phone if own_phone and own_phone != _phone(structure.get("contact")) else "",
                    # Description words as positions in one list of words: each word is written (and cut
                    # into terms by the browser) once for the whole index. Programme names come first, so
                    # that « Visa Internet » or « PDI » find the offer even past the description's cut.
                    "w": [words(w) for w in description_words(_programmes(offre) + " " + (offre.get("description") or ""),
                                                              f"{offre['nom']} {offre['resume']}").split()]}
        row.update({k: v for k, v in optional.items() if v})
        rows.append(row)
    # Rows in alphabetical order of name: the page lists them in this order without sorting at load.
    rows.sort(key=lambda r: (r["n"].casefold(), r["u"]))
    # « Et après ? » as row positions, known once rows have their final order (the assistant's next step).
    row_of = {r["u"]: i for i, r in enumerate(rows)}
    for r in rows:
        following = [row_of[u] for u in directory.offres[r["u"]].suites if u in row_of]
        if following:
            r["c"] = following
    venue_rows = []
    for uid in venues.keys():
        lieu = directory.lieux[uid]
        c = lieu.get("coordonnees")
        if c and c.get("approchees"):  # a commune's centre standing in for the place: never shown as the place
            c = None
        venue_rows.append([_coord(c["latitude"]) if c else None, _coord(c["longitude"]) if c else None,
                           communes.pos[lieu["code_insee"]], lieu["nom"]])
    commune_rows, epcis, departements = [], {}, {}
    for code in communes.keys():
        c = geography.commune(code)
        commune_rows.append([code, c.nom, c.departement, c.epci or "", _coord(c.latitude) if c.latitude is not None else None,
                             _coord(c.longitude) if c.longitude is not None else None,
                             c.codes_postaux[0] if c.codes_postaux else ""])
        if c.epci and c.epci not in epcis:
            epcis[c.epci] = geography.epci(c.epci).nom
        departements.setdefault(c.departement, geography.departement(c.departement).nom)
    themes = referentials.get("thematiques").items
    return {
        "date": today.isoformat(), "lundi": monday.isoformat(), "echelle": COORD_SCALE,
        "facettes": {f: [[i.code, i.label] for i in referentials.get(r).items] for f, r in FACETS.items()},
        "organismes": [[o.code, o.label] for o in organisms],
        # The public body whose procedures a theme is about (demarches-caf → caf), or -1.
        "theme_organisme": [organism_pos.get(t.get("x-type-partenaire"), -1) for t in themes],
        "vocabulaire": vocabulary.for_index({"theme": [t.code for t in themes],
                                             "public": list(referentials.get("publics").codes),
                                             "segment": list(referentials.get("segments").codes),
                                             "organisme": [o.code for o in organisms]}),
        "mots_vides": list(STOPWORDS), "url": url_state.for_browser(),
        "moments": [m[0] for m in MOMENTS], "jours": list(DAYS),
        "structures": [[directory.structures[s]["nom"], _phone(directory.structures[s].get("contact"))] for s in structures],
        "lieux": venue_rows, "communes": commune_rows, "mots": words.keys(),
        "epci": dict(sorted(epcis.items())), "departements": dict(sorted(departements.items())),
        "offres": rows,
    }


def dumps(index) -> bytes:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
