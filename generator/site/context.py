"""What every page kind shares: the directory, the site's address, and the pieces that several
pages show (an offer in a list, a venue's address block, a partner, a contact), each computed once."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .. import geography, referentials
from ..markdown import safe_url
from ..model import Directory, Lieu, Offre, Structure, venue_uid
from ..urls import lieu_url, offre_url
from ..validation.common import STALE_DAYS, STALE_WARNING_DAYS
from .french import as_date, date_short, phone_display


def by_name(text: str, tiebreak: str = "") -> tuple:
    """Sort key of a name as people read lists: case-insensitive, the id as tie-break."""
    return (str(text).casefold(), tiebreak)


def labels(name: str, codes) -> list[dict]:
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
            "courriel": mail, "mail_href": safe_url(f"mailto:{mail}") if mail else None, "site_web": safe_url(c.get("site_web")),
            "en_ligne": [{"mode": referentials.label("modes-contact", e["mode"]), "lien": safe_url(e["lien"]), "precision": e.get("precision")}
                         for e in c.get("en_ligne", ()) if safe_url(e["lien"])]}


def osm_url(coords) -> str | None:
    if not coords:
        return None
    lat, lon = coords["latitude"], coords["longitude"]
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


@dataclass
class Site:
    """The build's shared state, handed to every page kind."""

    directory: Directory
    site_url: str | None = None
    export_counts: dict = field(default_factory=dict)  # {path under donnees/: rows}, written before the pages
    config: object = None  # the mkdocs configuration (repo_url, edit_uri, extra, nav…), None outside a build
    offers_dir: str | None = None  # the folder of the data files, to name them in the repository
    _summaries: dict = field(default_factory=dict, repr=False)
    _places: dict = field(default_factory=dict, repr=False)
    _before: dict | None = field(default=None, repr=False)
    _memo: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        # Indexes built once, so that neighbour lookups stay linear in the number of venues.
        self.venues_by_commune: dict[str, list[Lieu]] = defaultdict(list)
        self.venues_by_epci: dict[str, list[Lieu]] = defaultdict(list)
        for v in self.directory.lieux.values():
            self.venues_by_commune[v["code_insee"]].append(v)
            if self.epci_of(v):
                self.venues_by_epci[self.epci_of(v)].append(v)

    def memo(self, key: str, compute):
        """`compute()` once per build, for what both `pages` and `files` of a page kind need."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def today(self) -> dt.date:
        return self.directory.today

    @staticmethod
    def epci_of(lieu: Lieu) -> str | None:
        commune = geography.commune(lieu["code_insee"])
        return commune.epci if commune else None

    def venue_ref(self, sid: str, ref: str | None) -> dict | None:
        if not ref:
            return None
        uid = venue_uid(sid, ref)
        lieu = self.directory.lieux.get(uid)
        return {"nom": lieu["nom"], "url": lieu_url(uid), "commune": lieu["commune"]} if lieu else None

    def place(self, lieu: Lieu) -> dict:
        """A venue's address and access block."""
        if lieu.uid not in self._places:
            commune = geography.commune(lieu["code_insee"])
            epci = geography.epci(commune.epci) if commune and commune.epci else None
            acc = lieu.get("accessibilite") or {}
            self._places[lieu.uid] = {
                "uid": lieu.uid, "nom": lieu["nom"], "url": lieu_url(lieu.uid),
                "type": referentials.label("types-lieux", lieu["type"]), "hote": lieu.get("hote"),
                "adresse": lieu["adresse"], "complement": lieu.get("complement_adresse"),
                "code_postal": lieu["code_postal"], "commune": lieu["commune"],
                "epci": epci.nom if epci else None,
                "osm": osm_url(lieu.get("coordonnees")),
                "approchees": bool((lieu.get("coordonnees") or {}).get("approchees")),
                # For the page's map (assets/recherche/map.js), unless the point is only the commune's centre.
                "lat": None if (lieu.get("coordonnees") or {}).get("approchees") else (lieu.get("coordonnees") or {}).get("latitude"),
                "lon": (lieu.get("coordonnees") or {}).get("longitude"),
                "pmr": acc.get("pmr"), "accessibilite": acc.get("details"), "acceslibre": safe_url(acc.get("acceslibre")),
                "transports": lieu.get("transports"),
            }
        return self._places[lieu.uid]

    def summary(self, offre: Offre) -> dict:
        """What a list shows of an offer."""
        if offre.uid not in self._summaries:
            communes = sorted({self.directory.lieux[u]["commune"] for u in offre.lieux}, key=str.casefold)
            if offre.get("a_distance"):
                communes.append("à distance")
            if offre.get("itinerant"):
                communes.append("itinérant")
            self._summaries[offre.uid] = {
                "uid": offre.uid, "nom": offre["nom"], "url": offre_url(offre.uid), "resume": offre["resume"],
                "structure": self.directory.structure_of(offre)["nom"],
                "segment": referentials.label("segments", offre["segment"]),
                "lieux": ", ".join(communes),
                "statut": None if offre.active else referentials.label("statuts", offre.etat),
            }
        return self._summaries[offre.uid]

    def preceding(self, offre: Offre) -> list[Offre]:
        """The offers that name this one in their « Et après ? » (`suites`)."""
        if self._before is None:
            self._before = defaultdict(list)
            for o in self.directory.offres.values():
                for uid in o.suites:
                    self._before[uid].append(o)
        return self._before.get(offre.uid, [])

    def summaries(self, offres) -> list[dict]:
        return sorted((self.summary(o) for o in offres), key=lambda s: by_name(s["nom"], s["uid"]))

    def partner(self, structure: Structure, pid: str) -> dict:
        p = structure.partenaire(pid)
        if p is None:
            return {"nom": pid, "type": ""}
        return {"nom": p["nom"], "type": referentials.label("types-partenaires", p["type"]), "referent": p.get("referent"),
                "contact": contact(p.get("contact"))}
