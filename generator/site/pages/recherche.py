"""The search page (`recherche/`) and the files its script reads: the index (offers, vocabulary, URL
language) and every commune of France (loaded when the place field is used)."""
from __future__ import annotations

import json

from ...orientation.communes_file import communes_file
from ...orientation.search_index import build_index, dumps
from ..context import Site
from .spec import PageSpec

# The static lists every JavaScript-only page points to, so nothing is out of reach without it.
STATIC_LISTS = (("Par territoire", "territoires/"), ("Par segment d'offre", "segments/"),
                ("Par thématique", "thematiques/"), ("Par public", "publics/"))


def static_lists() -> list[dict]:
    return [{"nom": n, "url": u} for n, u in STATIC_LISTS]


def compact_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def pages(site: Site) -> list[PageSpec]:
    return [PageSpec("recherche/index.md", "annuaire/recherche.html", "Rechercher une offre",
                     {"listes": static_lists(), "offres": len(site.directory.offres)},
                     "Chercher une offre de médiation numérique par mot, commune, démarche, public, jour et horaire.")]


def files(site: Site) -> dict[str, bytes]:
    index = build_index(site.directory)
    return {"recherche/index.json": dumps(index), "recherche/communes.json": compact_json(communes_file())}
