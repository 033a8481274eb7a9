"""Département → intercommunalité → commune, from the venues' INSEE codes; one page per commune."""
from __future__ import annotations

from collections import defaultdict

from ... import geography
from ...model import Lieu
from ..context import Site, by_name
from .spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    d = site.directory
    by_commune: dict[str, list[Lieu]] = defaultdict(list)
    for lieu in d.lieux.values():
        by_commune[lieu["code_insee"]].append(lieu)
    tree: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    out = []
    for code, venues in by_commune.items():
        commune = geography.commune(code)
        offres = {o.uid: o for v in venues for o in d.offres_at(v.uid)}
        entry = {"nom": commune.nom, "code": code, "nombre": len(offres), "lieux": len(venues), "url": f"communes/{code}/"}
        tree[commune.departement][commune.epci or ""].append(entry)
        lieux = [{**site.place(v), "offres": site.summaries(d.offres_at(v.uid))}
                 for v in sorted(venues, key=lambda v: by_name(v["nom"], v.uid))]
        out.append(PageSpec(f"communes/{code}/index.md", "annuaire/commune.html", commune.nom,
                            {"nom": commune.nom, "code": code, "lieux": lieux,
                             "parent": {"nom": "Par territoire", "url": "territoires/"}}))
    departements = []
    for dep_code in sorted(tree):
        dep = geography.departement(dep_code)
        groups = []
        for epci_code, communes in tree[dep_code].items():
            epci = geography.epci(epci_code) if epci_code else None
            groups.append({"nom": epci.nom if epci else "Hors intercommunalité",
                           "communes": sorted(communes, key=lambda c: by_name(c["nom"], c["code"])),
                           "nombre": sum(c["nombre"] for c in communes)})
        departements.append({"nom": f"{dep.nom} ({dep_code})" if dep else dep_code,
                             "epci": sorted(groups, key=lambda g: by_name(g["nom"]))})
    remote = [o for o in d.offres.values() if not o.lieux]
    index = PageSpec("territoires/index.md", "annuaire/territoires.html", "Par territoire",
                     {"departements": departements, "sans_lieu": site.summaries(remote)})
    return [index, *sorted(out, key=lambda p: p.src_uri)]
