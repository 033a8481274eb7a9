"""Contributing without Git: the forms that write a YAML file (/contribuer/offre/, /structure/,
/lieux/) and the list of known structures they read (venues and partners to pick from).

The forms are generated from `schema/` (see ../form_fields.py) and run in the browser: no server.
The « Modifier cette fiche / Signaler une erreur » links of the fiches come from ../forge.py.
"""
from __future__ import annotations

import json

from ... import schemas
from .. import forge as forge_links
from ..context import Site, by_name
from ..form_fields import form
from .spec import PageSpec

STRUCTURES_FILE = "contribuer/structures.json"
# (kind, page folder, title, where the file goes, schema comment, introduction)
FORMS = {
    "offre": ("contribuer/offre/", "Proposer une offre", "offers/{structure}/offres/{id}.yml", "../../../schema/offre.schema.json",
              "Décrivez une offre (formation, atelier, accès libre, permanence…) : le formulaire écrit pour vous le "
              "fichier de l'offre, vérifié comme il le sera à la publication."),
    "structure": ("contribuer/structure/", "Ajouter ma structure", "offers/{structure}/structure.yml",
                  "../../schema/structure.schema.json",
                  "Votre structure n'est pas encore dans l'annuaire ? Décrivez-la ici (fiche d'identité), puis ses lieux "
                  "d'accueil et ses offres."),
    "lieux": ("contribuer/lieux/", "Décrire mes lieux d'accueil", "offers/{structure}/lieux.yml", "../../schema/lieux.schema.json",
              "Les lieux où votre structure accueille du public : adresse, accessibilité, équipements, horaires. "
              "Toutes vos offres s'y réfèrent."),
}


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def structures_catalogue(directory) -> dict:
    """What the forms offer for a known structure: its venues and partners, by identifier."""
    out = {}
    for sid, s in sorted(directory.structures.items()):
        venues = [directory.lieux[u] for u in s.lieux]
        out[sid] = {"nom": s["nom"],
                    "lieux": [{"id": v.id, "nom": v["nom"], "commune": v["commune"]} for v in sorted(venues, key=lambda v: by_name(v["nom"], v.id))],
                    "partenaires": [{"id": p["id"], "nom": p["nom"]} for p in sorted(s.get("partenaires", ()), key=lambda p: by_name(p["nom"], p["id"]))],
                    # Files that already exist: the form then sends to the forge's editor, not to « new file ».
                    "offres": sorted(directory.offres[u].id for u in s.offres)}
    return out


def form_page(kind: str, forge: forge_links.Forge | None) -> PageSpec:
    folder, title, path, schema_ref, intro = FORMS[kind]
    spec_form = form(kind)
    data = {"type": kind, "formulaire": spec_form, "schema": schemas.bundled(kind), "chemin": path,
            "entete": f"# yaml-language-server: $schema={schema_ref}",
            "depot": {"nouveau": forge.new_file(), "modifier": forge.edit(""), "depot": forge.repo_url} if forge else None}
    others = [{"nom": t, "url": f} for k, (f, t, *_rest) in FORMS.items() if k != kind]
    ctx = {"kind": "formulaire", "type": kind, "titre": title, "intro": intro, "donnees": data, "autres": others,
           "structures": STRUCTURES_FILE, "depot": {"depot": forge.repo_url} if forge else None,
           "demande_structure": forge.issue(forge_links.STRUCTURE_TEMPLATE) if forge else None}
    return PageSpec(f"{folder}index.md", "annuaire/formulaire.html", title, ctx, intro)


def pages(site: Site) -> list[PageSpec]:
    forge = forge_links.from_config(site.config)
    return [form_page(kind, forge) for kind in FORMS]


def files(site: Site) -> dict[str, bytes]:
    return {STRUCTURES_FILE: _json(structures_catalogue(site.directory))}
