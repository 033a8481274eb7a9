"""The field reference page, read from `schema/` and the referentials (never written by hand)."""
from __future__ import annotations

import re

from ... import referentials
from ...diagnostics.catalogue import CODES, ERROR
from ...schemas import bundled
from .spec import PageSpec

FILES = (("structure", "structure.yml", "La fiche d'identité de la structure."),
         ("lieux", "lieux.yml", "Les lieux d'accueil de la structure."),
         ("offre", "offres/<offre>.yml", "Une offre par fichier."))


def _ref_name(ref: str) -> str | None:
    key = ref.rsplit("/", 1)[-1]
    for name in referentials.names():
        if re.sub(r"[^A-Za-z0-9]+", "_", f"referentiels/{name}").strip("_") == key:
            return name
    return None


def _type_text(node: dict) -> str:
    types = {"string": "texte", "integer": "nombre entier", "number": "nombre", "boolean": "vrai / faux",
             "array": "liste", "object": "groupe de champs"}
    t = node.get("type")
    return types.get(t, t or "")


def _walk(node: dict, defs: dict, path: str, required: bool, rows: list) -> None:
    ref_name = None
    if "$ref" in node:
        ref_name = _ref_name(node["$ref"])
        target = defs.get(node["$ref"].rsplit("/", 1)[-1], {})
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    items = node.get("items")
    item_ref = None
    if isinstance(items, dict) and "$ref" in items:
        item_ref = _ref_name(items["$ref"])
        if item_ref is None:
            items = {**defs.get(items["$ref"].rsplit("/", 1)[-1], {}), **{k: v for k, v in items.items() if k != "$ref"}}
    values = ref_name or item_ref
    constraints = []
    for key, text in (("minimum", "min. {}"), ("maximum", "max. {}"), ("maxLength", "{} caractères au plus"),
                      ("minItems", "au moins {} élément(s)")):
        if key in node:
            constraints.append(text.format(node[key]))
    examples = node.get("examples") or []
    if path:
        rows.append({"chemin": path, "titre": node.get("title", ""), "description": node.get("description", ""),
                     "type": ("liste de valeurs" if item_ref else ("valeur" if ref_name else _type_text(node))),
                     "obligatoire": required, "referentiel": values,
                     "referentiel_titre": referentials.get(values).title if values else None,
                     "contraintes": ", ".join(constraints),
                     "exemple": _example(examples[0]) if examples and not isinstance(examples[0], (dict, list)) else
                                (_example(examples[0]) if examples and isinstance(examples[0], list) and examples[0]
                                 and not isinstance(examples[0][0], dict) else "")})
    if node.get("type") == "object" or "properties" in node:
        req = set(node.get("required", ()))
        for key, child in node.get("properties", {}).items():
            if key == "$schema":
                continue
            _walk(child, defs, f"{path}.{key}" if path else key, key in req, rows)
    if isinstance(items, dict) and not item_ref and ("properties" in items):
        req = set(items.get("required", ()))
        for key, child in items["properties"].items():
            _walk(child, defs, f"{path}[].{key}", key in req, rows)


def _example(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_example(v) for v in value) + "]"
    return str(value)


def field_reference() -> dict:
    files = []
    for kind, filename, intro in FILES:
        schema = bundled(kind)
        rows: list[dict] = []
        _walk(schema, schema.get("$defs", {}), "", True, rows)
        files.append({"id": kind, "fichier": filename, "titre": schema.get("title", kind),
                      "description": schema.get("description", intro), "champs": rows})
    refs = []
    for name in referentials.names():
        ref = referentials.get(name)
        refs.append({"id": name, "titre": ref.title, "description": ref.description,
                     "valeurs": [{"code": i.code, "label": i.label, "description": i.description} for i in ref.items]})
    messages = [{"code": c.code, "gravite": "erreur" if c.severity == ERROR else "avertissement", "titre": c.title} for c in CODES]
    return {"fichiers": files, "referentiels": refs, "messages": messages}


def pages(site) -> list[PageSpec]:
    return [PageSpec("reference/index.md", "annuaire/reference.html", "Référence des champs", field_reference())]
