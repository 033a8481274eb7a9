"""The contribution form as data, derived from the JSON Schemas of `schema/` at build time.

Each field carries its French title and help (the schema's `title` and `description`), its
constraints (lengths, pattern, bounds: the browser checks them as it would the schema), and for
a referential its allowed values with their labels. The browser renders these fields; nothing
here or there restates an allowed value by hand.

Field types: texte, texte-long, choix, choix-multiple, oui-non (a required yes/no), case (an
optional tick box), entier, nombre, date, heure, horaires (OSM opening_hours, with its own
editor), courriel, telephone, url, liste-textes (one item per line), objet, liste-objets.
"""
from __future__ import annotations

from .. import schemas

# Widgets chosen by the shared definition a property points to (schema/communs.json#/$defs/…).
DEF_TYPES = {"horaires": "horaires", "date": "date", "heure": "heure", "courriel": "courriel",
             "telephone": "telephone", "url": "url"}
CONSTRAINTS = ("minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "minItems", "maxItems")
LONG_TEXT = 500  # from this maxLength on, a text gets a multi-line box
# Identifiers the schema cannot list (they live in another file of the structure): the browser
# offers the chosen structure's venues or partners. Paths without list indices.
REFERENCES = {
    "offre": {("lieux",): "lieux", ("sessions", "lieu"): "lieux", ("sessions", "seances", "lieu"): "lieux",
              ("partenaires",): "partenaires", ("financeurs",): "partenaires",
              ("orientation", "partenaire"): "partenaires", ("horaires_par_lieu", "lieu"): "lieux",
              ("activite", "orientations", "partenaire"): "partenaires"},
}
SKIPPED = {"$schema"}
# Referential keys the browser needs: a segment implies its configuration, as the validator checks.
OPTION_KEYS = {"x-configuration": "configuration"}  # written as the `# yaml-language-server` comment instead


def _def_name(ref: str) -> str | None:
    """`#/$defs/communs_defs_horaires` (a bundled reference) → horaires."""
    tail = ref.rsplit("/", 1)[-1]
    for name in DEF_TYPES:
        if tail == name or tail.endswith("_" + name):
            return name
    return None


def _resolve(node: dict, kind: str) -> tuple[dict, str | None]:
    """Follow `$ref`s; the property's own keywords (title, description) win over the target's."""
    widget = None
    while isinstance(node, dict) and "$ref" in node:
        widget = widget or _def_name(node["$ref"])
        target = schemas.bundled(kind)
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node, widget


def _options(node: dict) -> list[dict] | None:
    choices = node.get("anyOf") or node.get("oneOf")
    if choices and all("const" in c for c in choices):
        return [{"code": c["const"], "titre": c.get("title", c["const"]), "description": c.get("description", ""),
                 **{short: c[key] for key, short in OPTION_KEYS.items() if key in c}} for c in choices]
    if "enum" in node:
        return [{"code": v, "titre": str(v), "description": ""} for v in node["enum"]]
    return None


def field(name: str, prop: dict, required: bool, kind: str, path: tuple[str, ...]) -> dict:
    node, widget = _resolve(prop, kind)
    out = {"cle": name, "titre": node.get("title") or name, "aide": node.get("description", ""), "requis": required}
    out.update({k: node[k] for k in CONSTRAINTS if k in node})
    examples = node.get("examples")
    if examples and isinstance(examples[0], (str, int, float)) and not isinstance(examples[0], bool):
        out["exemple"] = examples[0]
    ref = REFERENCES.get(kind, {}).get(path)
    if ref:
        out["source"] = ref
    options = _options(node)
    t = node.get("type")
    if options is not None:
        out.update(type="choix", options=options)
    elif widget:
        out["type"] = widget
    elif t == "boolean":
        out["type"] = "oui-non" if required else "case"
    elif t in ("integer", "number"):
        out["type"] = "entier" if t == "integer" else "nombre"
    elif t == "object":
        out.update(type="objet", champs=fields(node, kind, path))
    elif t == "array":
        items, item_widget = _resolve(node.get("items", {}), kind)
        item_options = _options(items)
        out["unique"] = bool(node.get("uniqueItems"))
        if item_options is not None:
            out.update(type="choix-multiple", options=item_options)
        elif items.get("type") == "object":
            out.update(type="liste-objets", champs=fields(items, kind, path))
        else:
            out.update(type="liste-textes", element={k: items[k] for k in CONSTRAINTS if k in items})
    else:
        out["type"] = "texte-long" if node.get("maxLength", 0) >= LONG_TEXT else "texte"
    return out


def _required(node: dict) -> set[str]:
    """The node's required fields, and those the schema requires unless an import listed them in
    `a_completer` (an `if`/`then` rule): a file written with the form is not an import."""
    required = set(node.get("required", ()))
    for rule in node.get("allOf", ()):
        condition = rule.get("if", {}).get("not", {})
        if "a_completer" in condition.get("required", ()):
            required |= set(rule.get("then", {}).get("required", ()))
    return required


def fields(node: dict, kind: str, path: tuple[str, ...] = ()) -> list[dict]:
    required = _required(node)
    return [field(name, prop, name in required, kind, path + (name,))
            for name, prop in node.get("properties", {}).items() if name not in SKIPPED]


def form(kind: str) -> dict:
    """The whole form of one kind of file (offre, structure, lieux)."""
    schema = schemas.bundled(kind)
    return {"type": kind, "titre": schema.get("title", kind), "aide": schema.get("description", ""),
            "champs": fields(schema, kind)}
