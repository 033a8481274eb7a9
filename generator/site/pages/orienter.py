"""The orientation assistant (`orienter/`) and its rules for the browser (`orienter/regles.json`)."""
from __future__ import annotations

from ...orientation import assistant
from ..context import Site
from .recherche import compact_json, static_lists
from .spec import PageSpec


def pages(site: Site) -> list[PageSpec]:
    data = assistant.rules()
    return [PageSpec("orienter/index.md", "annuaire/orienter.html", "J'oriente une personne",
                     {"questions": data["questions"], "regles": assistant.rule_table(), "listes": static_lists()},
                     "Trouver en quelques questions le bon type d'offre pour une personne, et les offres près de chez elle.")]


def files(site: Site) -> dict[str, bytes]:
    return {"orienter/regles.json": compact_json(assistant.for_browser())}
