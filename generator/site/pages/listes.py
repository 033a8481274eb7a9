"""Lists by referential — segments, thématiques, publics: an index and one page per code in use."""
from __future__ import annotations

from collections import defaultdict

from ... import referentials
from ...model import Offre
from ..context import Site
from .spec import PageSpec

# (referential, folder, codes of an offer)
LISTS = (("segments", "segments", lambda o: [o["segment"]]),
         ("thematiques", "thematiques", lambda o: o.get("thematiques", ())),
         ("publics", "publics", lambda o: o.get("publics", ())))


def pages(site: Site) -> list[PageSpec]:
    return [spec for name, folder, codes_of in LISTS for spec in by_code(site, name, folder, codes_of)]


def by_code(site: Site, name: str, folder: str, codes_of) -> list[PageSpec]:
    ref = referentials.get(name)
    groups: dict[str, list[Offre]] = defaultdict(list)
    for offre in site.directory.offres.values():
        for code in codes_of(offre):
            groups[code].append(offre)
    entries, out = [], []
    for item in ref.items:
        n = len(groups.get(item.code, ()))
        entries.append({"label": item.label, "description": item.description, "nombre": n,
                        "url": f"{folder}/{item.code}/" if n else None})
        if n:
            out.append(PageSpec(f"{folder}/{item.code}/index.md", "annuaire/liste.html", item.label,
                                {"nom": item.label, "description": item.description,
                                 "parent": {"nom": ref.title, "url": f"{folder}/"},
                                 "offres": site.summaries(groups[item.code])}))
    index = PageSpec(f"{folder}/index.md", "annuaire/index-liste.html", ref.title,
                     {"nom": ref.title, "description": ref.description, "entrees": entries})
    return [index, *out]
