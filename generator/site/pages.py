"""Every generated page as data: (source path, template, title, context), built from the Directory.

The plugin only hands these to mkdocs; adding a page kind (search, orientation sheet, partner
page) means adding a function here and a template in `site_overrides/annuaire/`.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .. import geography, referentials
from ..urls import lieu_url, offre_url, structure_url
from ..model import Directory, Lieu, Offre, Structure, venue_uid
from ..validate import STALE_DAYS, STALE_WARNING_DAYS
from . import timetable
from .french import as_date, date_short, phone_display, plural
from .markdown import render, safe_url


@dataclass(frozen=True)
class PageSpec:
    src_uri: str
    template: str
    title: str
    context: dict = field(default_factory=dict, compare=False)
    description: str = ""  # plain text for <meta name="description">


def _key(text: str, tiebreak: str = "") -> tuple:
    return (str(text).casefold(), tiebreak)


def _labels(name: str, codes) -> list[dict]:
    ref = referentials.get(name)
    return [{"code": c, "label": ref.label(c), "description": ref[c].description if c in ref else ""} for c in codes or ()]


def freshness(value, today: dt.date) -> dict:
    """How fresh the last check is, with the validator's thresholds."""
    d = as_date(value)
    age = (today - d).days if d else None
    level = "ok" if age is None or age <= STALE_WARNING_DAYS else ("a-verifier" if age <= STALE_DAYS else "perime")
    return {"date": date_short(value) if d else "", "iso": d.isoformat() if d else "", "niveau": level}


def contact(data, fallback=None) -> dict | None:
    """An offer's own contact fields win; the structure's fill the gaps (often just the phone)."""
    c = {**(fallback or {}), **(data or {})}
    if not c:
        return None
    tel = c.get("telephone")
    mail = c.get("courriel")
    return {"nom": c.get("nom"), "telephone": phone_display(tel) if tel else None, "tel_href": f"tel:{tel}" if tel else None,
            "courriel": mail, "mail_href": safe_url(f"mailto:{mail}") if mail else None, "site_web": safe_url(c.get("site_web"))}


def osm_url(coords) -> str | None:
    if not coords:
        return None
    lat, lon = coords["latitude"], coords["longitude"]
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


NEIGHBOURS = 10  # nearest venues listed on a venue page, so the page size does not grow with the territory


class Builder:
    """Computes each page context once; lists reuse the same offer summaries."""

    def __init__(self, directory: Directory):
        self.d = directory
        self.today = directory.today
        self._summaries: dict[str, dict] = {}
        self._places: dict[str, dict] = {}
        # Indexes built once, so that neighbour lookups stay linear in the number of venues.
        self.venues_by_commune: dict[str, list[Lieu]] = defaultdict(list)
        self.venues_by_epci: dict[str, list[Lieu]] = defaultdict(list)
        for v in directory.lieux.values():
            self.venues_by_commune[v["code_insee"]].append(v)
            if self.epci_of(v):
                self.venues_by_epci[self.epci_of(v)].append(v)

    @staticmethod
    def epci_of(lieu: Lieu) -> str | None:
        commune = geography.commune(lieu["code_insee"])
        return commune.epci if commune else None

    # --- shared pieces -------------------------------------------------------------------
    def venue_ref(self, sid: str, ref: str | None) -> dict | None:
        if not ref:
            return None
        uid = venue_uid(sid, ref)
        lieu = self.d.lieux.get(uid)
        return {"nom": lieu["nom"], "url": lieu_url(uid), "commune": lieu["commune"]} if lieu else None

    def place(self, lieu: Lieu) -> dict:
        if lieu.uid not in self._places:
            self._places[lieu.uid] = self._place(lieu)
        return self._places[lieu.uid]

    def _place(self, lieu: Lieu) -> dict:
        commune = geography.commune(lieu["code_insee"])
        epci = geography.epci(commune.epci) if commune and commune.epci else None
        acc = lieu.get("accessibilite") or {}
        return {
            "uid": lieu.uid, "nom": lieu["nom"], "url": lieu_url(lieu.uid),
            "type": referentials.label("types-lieux", lieu["type"]), "hote": lieu.get("hote"),
            "adresse": lieu["adresse"], "complement": lieu.get("complement_adresse"),
            "code_postal": lieu["code_postal"], "commune": lieu["commune"],
            "epci": epci.nom if epci else None,
            "osm": osm_url(lieu.get("coordonnees")),
            "pmr": acc.get("pmr"), "accessibilite": acc.get("details"), "acceslibre": safe_url(acc.get("acceslibre")),
            "transports": lieu.get("transports"),
        }

    def summary(self, offre: Offre) -> dict:
        """What a list shows of an offer."""
        if offre.uid not in self._summaries:
            statut = (offre.get("statut") or {}).get("etat", "active")
            communes = sorted({self.d.lieux[u]["commune"] for u in offre.lieux}, key=str.casefold)
            if offre.get("a_distance"):
                communes.append("à distance")
            if offre.get("itinerant"):
                communes.append("itinérant")
            self._summaries[offre.uid] = {
                "uid": offre.uid, "nom": offre["nom"], "url": offre_url(offre.uid), "resume": offre["resume"],
                "structure": self.d.structure_of(offre)["nom"],
                "segment": referentials.label("segments", offre["segment"]),
                "lieux": ", ".join(communes),
                "statut": None if statut == "active" else referentials.label("statuts", statut),
            }
        return self._summaries[offre.uid]

    def summaries(self, offres) -> list[dict]:
        return sorted((self.summary(o) for o in offres), key=lambda s: _key(s["nom"], s["uid"]))

    def partner(self, structure: Structure, pid: str) -> dict:
        p = structure.partenaire(pid)
        if p is None:
            return {"nom": pid, "type": ""}
        return {"nom": p["nom"], "type": referentials.label("types-partenaires", p["type"]), "referent": p.get("referent"),
                "contact": contact(p.get("contact"))}

    # --- page kinds ------------------------------------------------------------------------
    def offre(self, offre: Offre) -> PageSpec:
        s = self.d.structure_of(offre)
        data = offre.data
        seg = referentials.get("segments")[data["segment"]]
        conf = referentials.get("configurations")[data["configuration"]]
        insc = data["inscription"]
        statut = data.get("statut") or {}
        rec = data.get("recurrence")
        sessions = data.get("sessions", ())
        seances = timetable.upcoming_seances(sessions, self.today)
        for item in seances:
            item["lieu"] = self.venue_ref(offre.structure_id, item["lieu"])
        summaries = timetable.session_summaries(sessions, self.today)
        for item in summaries:
            item["lieu"] = self.venue_ref(offre.structure_id, item["lieu"])
        active = statut.get("etat", "active") == "active"
        # A suspended or finished offer must never look "open now", whatever its usual hours say.
        slots = " ".join(filter(None, [
            timetable.open_slots(data.get("horaires"), self.today),
            timetable.open_slots(rec["horaires"], self.today, rec.get("du"), rec.get("au")) if rec else ""])) if active else ""
        frais = data["frais"]
        ctx = {
            "kind": "offre", "uid": offre.uid, "url": offre_url(offre.uid), "nom": data["nom"], "resume": data["resume"],
            "description": render(data.get("description")),
            "structure": {"nom": s["nom"], "url": structure_url(s.id)},
            "exemple": bool(s.get("exemple")),
            "segment": {"label": seg.label, "description": seg.description, "famille": seg.get("x-famille-titre")},
            "configuration": {"label": conf.label, "description": conf.description},
            "thematiques": [{**t, "url": f"thematiques/{t['code']}/"} for t in _labels("thematiques", data["thematiques"])],
            "publics": [{**p, "url": f"publics/{p['code']}/"} for p in _labels("publics", data["publics"])],
            "publics_precisions": data.get("publics_precisions"),
            "prerequis": list(data.get("prerequis", ())),
            "a_apporter": list(data.get("a_apporter", ())),
            "inscription": {"obligatoire": insc["obligatoire"], "modalites": _labels("modalites-acces", insc["modalites"]),
                            "details": insc.get("details"), "lien": safe_url(insc.get("lien"))},
            "orientation": [{"partenaire": self.partner(s, o["partenaire"]), "modes": _labels("modes-orientation", o["modes"]),
                             "details": o.get("details")} for o in data.get("orientation", ())],
            "horaires": timetable.weekly_table(data.get("horaires"), self.today),
            "recurrence": {"table": timetable.weekly_table(rec["horaires"], self.today),
                           "du": date_short(rec["du"]) if rec.get("du") else None,
                           "au": date_short(rec["au"]) if rec.get("au") else None} if rec else None,
            "seances": seances, "sessions": summaries,
            "creneaux": slots,
            "duree": data.get("duree_totale_heures"), "nombre_seances": data.get("nombre_seances"),
            "lieux": [self.place(self.d.lieux[u]) for u in offre.lieux],
            "a_distance": data.get("a_distance", False), "itinerant": data.get("itinerant", False),
            "frais": {"label": referentials.label("frais", frais["type"]), "details": frais.get("details")},
            "prises_en_charge": _labels("prises-en-charge", data.get("prises_en_charge")),
            "langues": _labels("langues", data.get("langues")),
            "partenaires": [self.partner(s, p) for p in data.get("partenaires", ())],
            "financeurs": [self.partner(s, p) for p in data.get("financeurs", ())],
            "contact": contact(data.get("contact"), s.get("contact")),
            "statut": {"etat": statut.get("etat", "active"), "label": referentials.label("statuts", statut.get("etat", "active")),
                       "motif": statut.get("motif"),
                       "du": date_short(statut["du"]) if statut.get("du") else None,
                       "au": date_short(statut["au"]) if statut.get("au") else None},
            "verification": freshness(data["date_maj"], self.today),
            "today": date_short(self.today),
        }
        return PageSpec(f"offres/{offre.uid}/index.md", "annuaire/offre.html", data["nom"], ctx, data["resume"])

    def lieu(self, lieu: Lieu) -> PageSpec:
        place = self.place(lieu)
        eq = lieu.get("equipements") or {}
        same_commune = [v for v in self.venues_by_commune[lieu["code_insee"]] if v.uid != lieu.uid]
        epci = self.epci_of(lieu)
        same_epci = [v for v in self.venues_by_epci.get(epci, ()) if v["code_insee"] != lieu["code_insee"]] if epci else []
        here = lieu["coordonnees"]

        def near(items, limit=NEIGHBOURS):
            def distance(v):
                c = v["coordonnees"]
                return geography.distance_km(here["latitude"], here["longitude"], c["latitude"], c["longitude"])
            ranked = sorted(items, key=lambda v: (round(distance(v), 3), _key(v["nom"], v.uid)))[:limit]
            return [{"nom": v["nom"], "url": lieu_url(v.uid), "commune": v["commune"],
                     "structure": self.d.structure_of(v)["nom"]} for v in ranked]

        s = self.d.structure_of(lieu)
        ctx = {
            "kind": "lieu", "uid": lieu.uid, "url": lieu_url(lieu.uid), "lieu": place,
            "structure": {"nom": s["nom"], "url": structure_url(s.id)}, "exemple": bool(s.get("exemple")),
            "equipements": {"postes": eq.get("postes"), "imprimante": eq.get("imprimante"), "scanner": eq.get("scanner"),
                            "wifi": eq.get("wifi"), "tablettes": eq.get("tablettes")} if eq else None,
            "horaires": timetable.weekly_table(lieu.get("horaires"), self.today),
            "creneaux": timetable.open_slots(lieu.get("horaires"), self.today),
            "contact": contact(lieu.get("contact")),
            "offres": self.summaries(self.d.offres_at(lieu.uid)),
            "voisins_commune": near(same_commune), "voisins_epci": near(same_epci),
        }
        return PageSpec(f"lieux/{lieu.uid}/index.md", "annuaire/lieu.html", lieu["nom"], ctx,
                        f"{place['type']} à {lieu['commune']} : adresse, accessibilité, horaires et offres de médiation numérique.")

    def portfolio(self, structure: Structure) -> list[dict]:
        """The report's table: each segment family, how many offers the structure has in it."""
        counts: dict[str, int] = defaultdict(int)
        for uid in structure.offres:
            counts[self.d.offres[uid]["segment"]] += 1
        families: dict[str, dict] = {}
        for item in referentials.get("segments").items:
            fam = families.setdefault(item.get("x-famille", item.code), {"famille": item.get("x-famille-titre", item.label),
                                                                          "segments": [], "offres": 0})
            fam["segments"].append(item.label)
            fam["offres"] += counts.get(item.code, 0)
        for fam in families.values():
            fam["niveau"] = "+" * min(fam["offres"], 3)
        return list(families.values())

    def structure(self, structure: Structure) -> PageSpec:
        data = structure.data
        terr = data["territoire"]
        communes = [geography.commune(c) for c in terr.get("communes", ())]
        epcis = [geography.epci(c) for c in terr.get("epci", ())]
        by_segment = []
        for item in referentials.get("segments").items:
            offres = [self.d.offres[u] for u in structure.offres if self.d.offres[u]["segment"] == item.code]
            if offres:
                by_segment.append({"label": item.label, "description": item.description, "offres": self.summaries(offres)})
        ctx = {
            "kind": "structure", "uid": structure.id, "url": structure_url(structure.id), "nom": data["nom"],
            "type": referentials.label("types-structures", data["type"]),
            "description": render(data["description"]), "exemple": bool(data.get("exemple")),
            "territoire": {"communes": sorted((c.nom for c in communes if c), key=str.casefold),
                           "epci": sorted((e.nom for e in epcis if e), key=str.casefold)},
            "labels": _labels("labels", data.get("labels")),
            "partenaires": sorted((self.partner(structure, p["id"]) for p in data.get("partenaires", ())), key=lambda p: _key(p["nom"])),
            "contact": contact(data["contact"]),
            "portfolio": self.portfolio(structure), "nombre_offres": len(structure.offres),
            "lieux": sorted((self.place(self.d.lieux[u]) for u in structure.lieux), key=lambda p: _key(p["nom"], p["uid"])),
            "par_segment": by_segment,
            "verification": freshness(data["date_maj"], self.today),
        }
        return PageSpec(f"structures/{structure.id}/index.md", "annuaire/structure.html", data["nom"], ctx)

    # --- lists -----------------------------------------------------------------------------
    def by_code(self, name: str, folder: str, codes_of) -> list[PageSpec]:
        """An index of a referential (segments, thématiques, publics) and one page per used code."""
        ref = referentials.get(name)
        groups: dict[str, list[Offre]] = defaultdict(list)
        for offre in self.d.offres.values():
            for code in codes_of(offre):
                groups[code].append(offre)
        entries, pages = [], []
        for item in ref.items:
            n = len(groups.get(item.code, ()))
            entries.append({"label": item.label, "description": item.description, "nombre": n,
                            "url": f"{folder}/{item.code}/" if n else None})
            if n:
                pages.append(PageSpec(f"{folder}/{item.code}/index.md", "annuaire/liste.html", item.label,
                                      {"kind": "liste", "nom": item.label, "description": item.description,
                                       "parent": {"nom": ref.title, "url": f"{folder}/"},
                                       "offres": self.summaries(groups[item.code])}))
        index = PageSpec(f"{folder}/index.md", "annuaire/index-liste.html", ref.title,
                         {"kind": "index-liste", "nom": ref.title, "description": ref.description, "entrees": entries})
        return [index, *pages]

    def territories(self) -> list[PageSpec]:
        """Département → intercommunalité → commune, from the venues' INSEE codes."""
        by_commune: dict[str, list[Lieu]] = defaultdict(list)
        for lieu in self.d.lieux.values():
            by_commune[lieu["code_insee"]].append(lieu)
        tree: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        pages = []
        for code, venues in by_commune.items():
            commune = geography.commune(code)
            offres = {o.uid: o for v in venues for o in self.d.offres_at(v.uid)}
            entry = {"nom": commune.nom, "code": code, "nombre": len(offres), "lieux": len(venues), "url": f"communes/{code}/"}
            tree[commune.departement][commune.epci or ""].append(entry)
            lieux = [{**self.place(v), "offres": self.summaries(self.d.offres_at(v.uid))}
                     for v in sorted(venues, key=lambda v: _key(v["nom"], v.uid))]
            pages.append(PageSpec(f"communes/{code}/index.md", "annuaire/commune.html", commune.nom,
                                  {"kind": "commune", "nom": commune.nom, "code": code, "lieux": lieux,
                                   "parent": {"nom": "Par territoire", "url": "territoires/"}}))
        departements = []
        for dep_code in sorted(tree):
            dep = geography.departement(dep_code)
            groups = []
            for epci_code, communes in tree[dep_code].items():
                epci = geography.epci(epci_code) if epci_code else None
                groups.append({"nom": epci.nom if epci else "Hors intercommunalité",
                               "communes": sorted(communes, key=lambda c: _key(c["nom"], c["code"])),
                               "nombre": sum(c["nombre"] for c in communes)})
            departements.append({"nom": f"{dep.nom} ({dep_code})" if dep else dep_code,
                                 "epci": sorted(groups, key=lambda g: _key(g["nom"]))})
        remote = [o for o in self.d.offres.values() if not o.lieux]
        index = PageSpec("territoires/index.md", "annuaire/territoires.html", "Par territoire",
                         {"kind": "territoires", "departements": departements, "sans_lieu": self.summaries(remote)})
        return [index, *sorted(pages, key=lambda p: p.src_uri)]

    def reference(self) -> PageSpec:
        from .reference import field_reference

        return PageSpec("reference/index.md", "annuaire/reference.html", "Référence des champs", field_reference())

    def home(self) -> dict:
        dates = [as_date(x.get("date_maj")) for x in (*self.d.structures.values(), *self.d.offres.values())]
        dates = [d for d in dates if d]
        return {
            "kind": "accueil",
            "compteurs": {"structures": len(self.d.structures), "lieux": len(self.d.lieux), "offres": len(self.d.offres),
                          "communes": len({v["code_insee"] for v in self.d.lieux.values()})},
            "maj": date_short(max(dates)) if dates else None,
            "construit": date_short(self.today),
            "exemple": any(s.get("exemple") for s in self.d.structures.values()),
        }

    def about(self) -> dict:
        return {"kind": "a-propos", "structures": [
            {"nom": s["nom"], "url": structure_url(s.id), "exemple": bool(s.get("exemple")),
             "offres": plural(len(s.offres), "offre"), "verification": freshness(s["date_maj"], self.today)}
            for s in sorted(self.d.structures.values(), key=lambda s: _key(s["nom"], s.id))]}


def open_data_page(directory: Directory, counts: dict[str, int]) -> PageSpec:
    """« Données ouvertes »: every export with its description, size in rows and a link to it.

    `counts` is what `exports.write_all` wrote ({path under donnees/: rows}); a family of files
    (one per offer, structure…) is listed once with how many files it has and one example."""
    from fnmatch import fnmatch

    from ..exports import FILES, LICENCE

    entries = []
    for name, info in FILES.items():
        pattern = re.sub(r"<[^>]+>", "*", name)
        members = sorted(p for p in counts if fnmatch(p, pattern)) if "<" in name else ([name] if name in counts else [])
        if not members:
            continue
        entries.append({**info, "nom": name, "famille": "<" in name, "fichiers": len(members),
                        "lignes": sum(counts[m] for m in members), "url": f"donnees/{members[0]}"})
    return PageSpec("donnees/index.md", "annuaire/donnees.html", "Données ouvertes",
                    {"kind": "donnees", "nom": "Données ouvertes", "licence": LICENCE, "date": date_short(directory.today),
                     "iso": directory.today.isoformat(), "fichiers": entries})


def build_pages(directory: Directory, site_url: str | None = None) -> list[PageSpec]:
    from . import orientation

    b = Builder(directory)
    pages = [b.structure(s) for s in directory.structures.values()]
    pages += [b.lieu(v) for v in directory.lieux.values()]
    for o in directory.offres.values():
        spec = b.offre(o)
        pages += [spec, orientation.fiche_page(o, spec.context, site_url)]
    pages += [orientation.search_page(directory), orientation.orient_page(directory), *orientation.partner_pages(b)]
    pages += b.territories()
    pages += b.by_code("segments", "segments", lambda o: [o["segment"]])
    pages += b.by_code("thematiques", "thematiques", lambda o: o["thematiques"])
    pages += b.by_code("publics", "publics", lambda o: o["publics"])
    pages.append(b.reference())
    return pages


def handwritten_contexts(directory: Directory) -> dict[str, dict]:
    """Data for the hand-written pages whose front matter picks an `annuaire/` template."""
    b = Builder(directory)
    return {"index.md": b.home(), "a-propos.md": b.about()}
