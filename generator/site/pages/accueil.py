"""Context of the hand-written home page (`index.md`) and « À propos des données » (`a-propos.md`)."""
from __future__ import annotations

from ...urls import structure_url
from ..context import Site, by_name, freshness
from ..french import as_date, date_short, plural


def handwritten(site: Site) -> dict[str, dict]:
    return {"index.md": home(site), "a-propos.md": about(site)}


def home(site: Site) -> dict:
    d = site.directory
    dates = [as_date(x.get("date_maj")) for x in (*d.structures.values(), *d.offres.values())]
    dates = [x for x in dates if x]
    return {
        "compteurs": {"structures": len(d.structures), "lieux": len(d.lieux), "offres": len(d.offres),
                      "communes": len({v["code_insee"] for v in d.lieux.values()})},
        "maj": date_short(max(dates)) if dates else None,
        "construit": date_short(site.today),
        "exemple": any(s.get("exemple") for s in d.structures.values()),
    }


def about(site: Site) -> dict:
    return {"structures": [
        {"nom": s["nom"], "url": structure_url(s.id), "exemple": bool(s.get("exemple")),
         "offres": plural(len(s.offres), "offre"), "verification": freshness(s["date_maj"], site.today)}
        for s in sorted(site.directory.structures.values(), key=lambda s: by_name(s["nom"], s.id))]}
