"""One page per structure (`structures/<structure>/`): identity, portfolio of segments, venues, offers."""
from __future__ import annotations

from collections import defaultdict

from ... import geography, referentials
from ...markdown import render
from ...model import Structure
from ...observatory.portfolio import level
from ...urls import structure_url
from .. import forge
from ..context import Site, by_name, contact, freshness, labels
from .spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    return [page(site, s) for s in site.directory.structures.values()]


def portfolio(site: Site, structure: Structure) -> list[dict]:
    """The report's table: each segment family, how many offers the structure has in it."""
    counts: dict[str, int] = defaultdict(int)
    for uid in structure.offres:
        counts[site.directory.offres[uid]["segment"]] += 1
    families: dict[str, dict] = {}
    for item in referentials.get("segments").items:
        fam = families.setdefault(item.get("x-famille", item.code), {"famille": item.get("x-famille-titre", item.label),
                                                                      "segments": [], "offres": 0})
        fam["segments"].append(item.label)
        fam["offres"] += counts.get(item.code, 0)
    for fam in families.values():
        fam["niveau"] = level(fam["offres"])
    return list(families.values())


def page(site: Site, structure: Structure) -> PageSpec:
    d = site.directory
    data = structure.data
    terr = data.get("territoire") or {}
    communes = [geography.commune(c) for c in terr.get("communes", ())]
    epcis = [geography.epci(c) for c in terr.get("epci", ())]
    by_segment = []
    for item in referentials.get("segments").items:
        offres = [d.offres[u] for u in structure.offres if d.offres[u]["segment"] == item.code]
        if offres:
            by_segment.append({"label": item.label, "description": item.description, "offres": site.summaries(offres)})
    ctx = {
        "contribuer": forge.links_for(site, structure, structure_url(structure.id), data["nom"]),
        "uid": structure.id, "url": structure_url(structure.id), "nom": data["nom"],
        "type": referentials.label("types-structures", data["type"]) if data.get("type") else "Type non renseigné",
        "description": render(data.get("description")) if data.get("description") else None,
        "exemple": bool(data.get("exemple")),
        "territoire": {"communes": sorted((c.nom for c in communes if c), key=str.casefold),
                       "epci": sorted((e.nom for e in epcis if e), key=str.casefold)},
        "labels": labels("labels", data.get("labels")),
        "partenaires": sorted((site.partner(structure, p["id"]) for p in data.get("partenaires", ())), key=lambda p: by_name(p["nom"])),
        "contact": contact(data.get("contact")),
        "portfolio": portfolio(site, structure), "nombre_offres": len(structure.offres),
        "lieux": sorted((site.place(d.lieux[u]) for u in structure.lieux), key=lambda p: by_name(p["nom"], p["uid"])),
        "par_segment": by_segment,
        "verification": freshness(data["date_maj"], site.today),
    }
    return PageSpec(f"structures/{structure.id}/index.md", "annuaire/structure.html", data["nom"], ctx)
