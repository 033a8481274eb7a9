"""One page per kind of public body (`partenaires/<type>/`): offers helping with its procedures (by
theme) and offers it refers people to (orientation by a partner of that kind)."""
from __future__ import annotations

from collections import defaultdict

from ... import geography, referentials
from ...model import Offre
from ..context import Site, by_name
from .spec import PageSpec


def _by_territory(site: Site, offres: list[Offre]) -> dict:
    """Département → commune → offers; an offer held in several communes is listed in each."""
    tree: dict[str, dict[str, dict]] = defaultdict(dict)
    remote = []
    for offre in offres:
        if not offre.lieux:
            remote.append(offre)
        for code in sorted({site.directory.lieux[u]["code_insee"] for u in offre.lieux}):
            commune = geography.commune(code)
            entry = tree[commune.departement].setdefault(code, {"nom": commune.nom, "code": code, "url": f"communes/{code}/",
                                                                "offres": []})
            entry["offres"].append(offre)
    departements = []
    for dep_code in sorted(tree):
        dep = geography.departement(dep_code)
        communes = sorted(tree[dep_code].values(), key=lambda c: by_name(c["nom"], c["code"]))
        departements.append({"nom": f"{dep.nom} ({dep_code})" if dep else dep_code, "code": dep_code,
                             "communes": [{**c, "offres": site.summaries(c["offres"])} for c in communes]})
    return {"departements": departements, "sans_lieu": site.summaries(remote), "nombre": len(offres)}


def pages(site: Site) -> list[PageSpec]:
    """The kinds are the partner types marked `x-organisme` in their referential."""
    kinds = [i for i in referentials.get("types-partenaires").items if i.get("x-organisme")]
    themes = referentials.get("thematiques")
    entries, out = [], []
    for kind in kinds:
        own_themes = [t for t in themes.items if t.get("x-type-partenaire") == kind.code]
        codes = {t.code for t in own_themes}
        helping = [o for o in site.directory.offres.values() if codes & set(o.get("thematiques", ()))]
        referred = []
        for o in site.directory.offres.values():
            structure = site.directory.structure_of(o)
            partners = [structure.partenaire(x["partenaire"]) for x in o.get("orientation", ())]
            if any(p is not None and p["type"] == kind.code for p in partners):
                referred.append(o)
        n = len({o.uid for o in helping + referred})
        url = f"partenaires/{kind.code}/"
        entries.append({"nom": kind.label, "description": kind.description, "nombre": n, "url": url})
        out.append(PageSpec(f"{url}index.md", "annuaire/partenaire.html", kind.label, {
            "code": kind.code, "nom": kind.label, "description": kind.description,
            "thematiques": [{"label": t.label, "url": f"thematiques/{t.code}/",
                             "recherche": f"recherche/?theme={t.code}"} for t in own_themes],
            "demarches": _by_territory(site, helping), "orientation": _by_territory(site, referred),
            "parent": {"nom": "Partenaires", "url": "partenaires/"}},
            f"Offres de médiation numérique utiles aux usagers et aux agents : {kind.label}."))
    index = PageSpec("partenaires/index.md", "annuaire/partenaires.html", "Partenaires",
                     {"entrees": entries},
                     "Pour chaque organisme (CAF, CPAM, France Travail, préfecture…), les offres qui aident à ses démarches.")
    return [index, *out]
