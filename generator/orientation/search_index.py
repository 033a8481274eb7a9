"""The client-side search index: one compact JSON document built from the Directory.

Offers are rows of short keys; repeated values (segments, themes, communes, structures) are
listed once and referred to by position, so the index stays small at national scale
(target: ≤ 150 bytes per offer once gzipped; measured by `benchmarks/bench_search.py`).
"""
from __future__ import annotations

import datetime as dt
import json

import opening_hours

from .. import geography, referentials
from ..model import Directory, Offre
from ..schedule import PARIS, minutes, parse

FACETS = {"segment": "segments", "theme": "thematiques", "public": "publics", "frais": "frais", "langue": "langues",
          "adaptation": "prises-en-charge"}
MOMENTS = (("matin", 0, 12 * 60), ("apres-midi", 12 * 60, 18 * 60), ("soir", 18 * 60, 24 * 60))
SEANCES_AHEAD = 3
# Day names as they appear in /recherche/ URLs (?jour=samedi); Monday is day 0 of the slot mask.
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# Rings around the person's commune, nearest first (?proximite=epci keeps commune and EPCI).
PROXIMITIES = ("commune", "epci", "departement")
FLAGS = ("pmr", "ouvert", "seances", "distance")


def _week_intervals(value: str, monday: dt.date) -> list[list[int]]:
    """Open intervals of the reference week as [start, end] minutes since Monday 00:00."""
    start = dt.datetime(monday.year, monday.month, monday.day, tzinfo=PARIS)
    out = []
    for a, b, state, _ in parse(value).intervals(start, start + dt.timedelta(days=7)):
        if state == opening_hours.State.OPEN:
            out.append([int((a - start).total_seconds() // 60), int((b - start).total_seconds() // 60)])
    return out


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
    """Upcoming séances as [days after `today`, start minute], and the mask of their moments."""
    found, mask = [], 0
    for session in offre.get("sessions", ()):
        for s in session.get("seances", ()):
            day = dt.date.fromisoformat(s["date"])
            start, end = minutes(s["debut"]), minutes(s["fin"])
            mask |= _slot_mask([[day.weekday() * 1440 + start, day.weekday() * 1440 + end]])
            if day >= today:
                found.append([(day - today).days, start])
    found.sort()
    return found[:SEANCES_AHEAD], mask


def build_index(directory: Directory) -> dict:
    today = directory.today
    monday = today - dt.timedelta(days=today.weekday())
    positions = {f: {c: i for i, c in enumerate(referentials.get(r).codes)} for f, r in FACETS.items()}
    structures = sorted(directory.structures)
    structure_pos = {sid: i for i, sid in enumerate(structures)}
    communes: dict[str, int] = {}
    rows = []
    for offre in directory.offres.values():
        venues = [directory.lieux[u] for u in offre.lieux]
        for v in venues:
            communes.setdefault(v["code_insee"], len(communes))
        hours = offre.weekly_hours
        week = _week_intervals(hours, monday) if hours else []
        seances, seance_mask = _seances(offre, today)
        row = {
            "u": offre.uid, "n": offre["nom"], "r": offre["resume"], "s": structure_pos[offre.structure_id],
            "c": [communes[v["code_insee"]] for v in venues],
            "g": positions["segment"][offre["segment"]],
            "t": [positions["theme"][t] for t in offre.get("thematiques", ())],
            "p": [positions["public"][p] for p in offre.get("publics", ())],
            "l": [positions["langue"][x] for x in offre.get("langues", ("fr",))],
            "m": _slot_mask(week) | seance_mask,
        }
        # Optional keys are left out when empty: at 20,000 offers every byte counts.
        if offre.get("frais"):  # unknown for an import that could not tell: then no cost facet
            row["f"] = positions["frais"][offre["frais"]["type"]]
        # Unknown registration rules count as « inscription » for the filter: better to call first.
        optional = {"i": int((offre.get("inscription") or {}).get("obligatoire", True)), "a": int(any((v.get("accessibilite") or {}).get("pmr") for v in venues)),
                    "h": week, "d": seances, "x": int(not offre.active),
                    "z": int(bool(offre.get("a_distance"))),
                    "e": [positions["adaptation"][x] for x in offre.get("prises_en_charge", ())],
                    # Venue positions in thousandths of a degree (~100 m): enough to rank by distance.
                    "k": sorted({(round(v["coordonnees"]["latitude"] * 1000), round(v["coordonnees"]["longitude"] * 1000))
                                 for v in venues if v.get("coordonnees")})}
        row.update({k: v for k, v in optional.items() if v})
        rows.append(row)
    # Rows in alphabetical order of name: the page lists them in this order without sorting at load.
    rows.sort(key=lambda r: (r["n"].casefold(), r["u"]))
    commune_rows, epcis, departements = [], {}, {}
    for code in communes:
        c = geography.commune(code)
        commune_rows.append([code, c.nom, c.departement, c.epci or ""])
        if c.epci and c.epci not in epcis:
            epcis[c.epci] = geography.epci(c.epci).nom
        departements.setdefault(c.departement, geography.departement(c.departement).nom)
    return {
        "date": today.isoformat(), "lundi": monday.isoformat(),
        "facettes": {f: [[i.code, i.label] for i in referentials.get(r).items] for f, r in FACETS.items()},
        "moments": [m[0] for m in MOMENTS], "jours": list(DAYS),
        "structures": [directory.structures[s]["nom"] for s in structures],
        "communes": commune_rows, "epci": dict(sorted(epcis.items())), "departements": dict(sorted(departements.items())),
        "offres": rows,
    }


def commune_list(index: dict) -> list[list[str]]:
    """Every commune of the départements the index covers, as [insee, nom, département, epci,
    first postcode]: the person's commune rarely has a venue, yet it must be choosable to rank
    offers by proximity. Sent separately and only fetched when a commune is looked up."""
    departements = set(index["departements"])
    return [[c.code, c.nom, c.departement, c.epci or "", c.codes_postaux[0] if c.codes_postaux else ""]
            for c in geography.all_communes() if c.departement in departements]


def dumps(index) -> bytes:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
