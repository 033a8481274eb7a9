"""Every generated page as data — (source path, template, title, context) — built from the Directory.

A page kind is a module of this package listed in `KINDS`, with any of:
- `pages(site) -> list[PageSpec]`: its pages;
- `files(site) -> dict[str, bytes]`: other files it publishes (JSON for the browser, QR codes…);
- `handwritten(site) -> dict[str, dict]`: context for hand-written pages of docs/ whose front
  matter picks one of its templates.
The plugin only hands these to mkdocs; adding a page kind means adding a module here and its
template in `site_overrides/annuaire/`. `site` is the build's shared state (`..context.Site`).
"""
from __future__ import annotations

from . import (a_verifier, accueil, contribuer, donnees, lieu, listes, observatoire, offre, orienter, partenaires, recherche,
               reference, service_public, structure, territoires)
from .spec import PageSpec

__all__ = ["PageSpec", "KINDS", "build_pages", "generated_files", "handwritten_contexts", "page_kinds"]

# The order is the order of the pages in the sitemap.
KINDS = (structure, lieu, offre, recherche, orienter, partenaires, territoires, observatoire, listes, reference, donnees,
         a_verifier, accueil, contribuer, service_public)


def build_pages(site) -> list[PageSpec]:
    return [spec for _, spec in page_kinds(site)]


def page_kinds(site) -> list[tuple]:
    """Every page with the kind (module) that makes it."""
    return [(kind, spec) for kind in KINDS if hasattr(kind, "pages") for spec in kind.pages(site)]


def generated_files(site) -> dict[str, bytes]:
    return {path: data for kind in KINDS if hasattr(kind, "files") for path, data in kind.files(site).items()}


def handwritten_contexts(site) -> dict[str, dict]:
    return {uri: ctx for kind in KINDS if hasattr(kind, "handwritten") for uri, ctx in kind.handwritten(site).items()}
