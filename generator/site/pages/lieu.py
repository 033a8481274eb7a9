"""One page per venue (`lieux/<structure>/<lieu>/`): address, access, hours, offers held there, neighbours."""
from __future__ import annotations

from ... import geography
from ...markdown import render
from ...model import Lieu
from ...urls import lieu_url, structure_url
from .. import forge, timetable
from ..context import Site, by_name, contact
from .spec import PageSpec

NEIGHBOURS = 10  # nearest venues listed on a venue page, so the page size does not grow with the territory


def pages(site: Site) -> list[PageSpec]:
    return [page(site, v) for v in site.directory.lieux.values()]


def _nearest(site: Site, lieu: Lieu, items) -> list[dict]:
    here = lieu.get("coordonnees")

    def distance(v):
        # A venue whose position is unknown (an import still to complete) is listed last.
        c = v.get("coordonnees")
        if here is None or c is None:
            return float("inf") if c is None else 0.0
        return geography.distance_km(here["latitude"], here["longitude"], c["latitude"], c["longitude"])

    ranked = sorted(items, key=lambda v: (round(distance(v), 3), by_name(v["nom"], v.uid)))[:NEIGHBOURS]
    return [{"nom": v["nom"], "url": lieu_url(v.uid), "commune": v["commune"],
             "structure": site.directory.structure_of(v)["nom"]} for v in ranked]


def page(site: Site, lieu: Lieu) -> PageSpec:
    place = site.place(lieu)
    eq = lieu.get("equipements") or {}
    same_commune = [v for v in site.venues_by_commune[lieu["code_insee"]] if v.uid != lieu.uid]
    epci = site.epci_of(lieu)
    same_epci = [v for v in site.venues_by_epci.get(epci, ()) if v["code_insee"] != lieu["code_insee"]] if epci else []
    s = site.directory.structure_of(lieu)
    ctx = {
        "contribuer": forge.links_for(site, lieu, lieu_url(lieu.uid), lieu["nom"]),
        "uid": lieu.uid, "url": lieu_url(lieu.uid), "lieu": place,
        "structure": {"nom": s["nom"], "url": structure_url(s.id)}, "exemple": bool(s.get("exemple")),
        "equipements": {"postes": eq.get("postes"), "imprimante": eq.get("imprimante"), "scanner": eq.get("scanner"),
                        "wifi": eq.get("wifi"), "tablettes": eq.get("tablettes")} if eq else None,
        "horaires": timetable.weekly_table(lieu.get("horaires"), site.today),
        "horaires_texte": lieu.get("horaires_texte"),
        "resume": lieu.get("resume"), "description": render(lieu.get("description")) if lieu.get("description") else None,
        "creneaux": timetable.open_slots(lieu.get("horaires"), site.today),
        "contact": contact(lieu.get("contact")),
        "offres": site.summaries(site.directory.offres_at(lieu.uid)),
        "voisins_commune": _nearest(site, lieu, same_commune), "voisins_epci": _nearest(site, lieu, same_epci),
    }
    return PageSpec(f"lieux/{lieu.uid}/index.md", "annuaire/lieu.html", lieu["nom"], ctx,
                    f"{place['type']} à {lieu['commune']} : adresse, accessibilité, horaires et offres de médiation numérique.")
