"""The « À vérifier » page (`a-verifier/`): per structure, the offers and identity cards whose last
check is older than the validator's threshold, oldest first, so that a structure (or the team)
sees at a glance what to call about."""
from __future__ import annotations

from ...review.stale import stale
from ...urls import offre_url, structure_url
from ...validation.common import STALE_DAYS, STALE_WARNING_DAYS
from ..context import Site
from ..french import date_short
from .spec import PageSpec

URI = "a-verifier/index.md"


def pages(site: Site) -> list[PageSpec]:
    found = stale(site.directory)
    structures = []
    for s in found:
        items = [{"nom": i.name, "url": offre_url(i.uid) if i.kind == "offre" else structure_url(i.uid),
                  "quoi": "Offre" if i.kind == "offre" else "Fiche de la structure",
                  "date": date_short(i.checked), "iso": i.checked, "jours": i.age_days,
                  "niveau": "Périmée (plus d'un an)" if i.level == "perime" else "À vérifier"} for i in s.items]
        structures.append({"nom": s.name, "url": structure_url(s.id), "fiches": items})
    ctx = {"structures": structures, "total": sum(len(s["fiches"]) for s in structures),
           "today": date_short(site.today), "mois": round(STALE_WARNING_DAYS / 30.5), "perime_jours": STALE_DAYS}
    return [PageSpec(URI, "annuaire/a-verifier.html", "À vérifier", ctx,
                     "Les fiches de l'annuaire dont la dernière vérification date de plus de six mois, par structure.")]
