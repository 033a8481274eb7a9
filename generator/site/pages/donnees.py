"""« Données ouvertes » (`donnees/`): every export with its description, size in rows and a link.

The files themselves are written by `generator.exports` before the pages (`site.export_counts`);
a family of files (one per offer, structure…) is listed once with how many files it has and one example."""
from __future__ import annotations

from fnmatch import fnmatch

from ...exports import FILES, family_pattern
from ...exports.common import LICENCE
from ..context import Site
from ..french import date_short
from .spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    counts = site.export_counts
    entries = []
    for name, info in FILES.items():
        pattern = family_pattern(name)
        members = sorted(p for p in counts if fnmatch(p, pattern)) if pattern else ([name] if name in counts else [])
        if not members:
            continue
        entries.append({**info, "nom": name, "famille": pattern is not None, "fichiers": len(members),
                        "lignes": sum(counts[m] for m in members), "url": f"donnees/{members[0]}"})
    return [PageSpec("donnees/index.md", "annuaire/donnees.html", "Données ouvertes",
                     {"nom": "Données ouvertes", "licence": LICENCE, "date": date_short(site.today),
                      "iso": site.today.isoformat(), "fichiers": entries})]
