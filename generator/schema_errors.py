"""JSON Schema errors turned into plain-French diagnostics with a position and a hint."""
from __future__ import annotations

import difflib
import json

from . import phones, schemas
from .diagnostics import Report
from .diagnostics.catalogue import CATALOGUE
from .load import Document

_TYPES = {"string": "un texte", "integer": "un nombre entier", "number": "un nombre", "boolean": "vrai ou faux (true / false)",
          "array": "une liste (lignes commençant par « - »)", "object": "un objet (des lignes « champ: valeur » indentées)", "null": "vide"}
_YES_NO = {"oui", "non", "yes", "no", "vrai", "faux", "on", "off", "o", "n", "y"}


def _visible(value):
    """A value as a message can show it: line breaks and invisible characters written out."""
    if not isinstance(value, str):
        return value
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in value)


def _name(path) -> str:
    parts = [p for p in path if isinstance(p, str)]
    return parts[-1] if parts else "racine du fichier"


def path_text(path) -> str:
    out = ""
    for p in path:
        out += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out or "racine du fichier"


def _choices(schema: dict) -> list[dict] | None:
    options = schema.get("anyOf") or schema.get("oneOf")
    if options and all(isinstance(o, dict) and "const" in o for o in options):
        return options
    if "enum" in schema:
        return [{"const": v} for v in schema["enum"]]
    return None


def _example(schema: dict) -> str:
    ex = schema.get("examples")
    if not ex:
        return ""
    return " Exemple : " + json.dumps(ex[0], ensure_ascii=False)


def _describe(schema: dict) -> str:
    title, desc = schema.get("title"), schema.get("description")
    text = f"« {title} » : {desc}" if title and desc else (desc or title or "")
    return (text + _example(schema)).strip()


def report_errors(doc: Document, kind: str, report: Report, skip=frozenset()) -> None:
    """Every schema error of `doc`, but those about a value at a path of `skip` (already reported)."""
    validator = schemas.detailed(kind)
    for err in sorted(validator.iter_errors(doc.data), key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        path = tuple(err.absolute_path)
        if any(path[:len(p)] == p for p in skip):
            continue
        _one(doc, kind, err, report)


def _one(doc: Document, kind: str, err, report: Report) -> None:
    path = tuple(err.absolute_path)
    schema = schemas.resolve(err.schema, kind) if isinstance(err.schema, dict) else {}
    value = err.instance
    where = path_text(path)
    pos = doc.pos(path)
    v = err.validator
    if v == "required":
        for field in err.validator_value:
            if isinstance(value, dict) and field not in value:
                # A field required through an if/then (required unless listed in a_completer)
                # is described in the document's own properties, not in the `then` branch.
                props = schema.get("properties") or (schemas.bundled(kind).get("properties", {}) if not path else {})
                sub = schemas.resolve(props.get(field, {}), kind)
                report.emit(doc.path, doc.pos(path, key=True), "champ-manquant", champ=field,
                            ou=f" dans {where}" if path else "", conseil=_describe(sub) or f"Ajoutez la ligne « {field}: … ».")
        return
    if v == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for extra in sorted(k for k in value if k not in schema.get("properties", {})):
            close = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
            hint = f"Vouliez-vous dire « {close[0]} » ?" if close else "Champs possibles ici : " + ", ".join(allowed) + "."
            report.emit(doc.path, doc.pos(path + (extra,), key=True), "champ-inconnu", champ=extra,
                        ou=f" dans {where}" if path else "", conseil=hint)
        return
    choices = _choices(schema) if v in ("anyOf", "oneOf", "enum", "const") else None
    if choices is not None:
        codes = [c["const"] for c in choices]
        shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else _visible(value)
        close = difflib.get_close_matches(str(value), [str(c) for c in codes], n=1, cutoff=0.5)
        listing = ", ".join(f"{c['const']}" + (f" ({c['title']})" if "title" in c else "") for c in choices)
        hint = (f"Vouliez-vous dire « {close[0]} » ? " if close else "") + f"Valeurs possibles : {listing}."
        title = schema.get("title")
        report.emit(doc.path, pos, "valeur-inconnue", valeur=shown, ou=where, titre=f" ({title})" if title else "", conseil=hint)
        return
    if v == "type":
        expected = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        wanted = " ou ".join(_TYPES.get(t, t) for t in expected)
        hint = _describe(schema)
        if "string" in expected and isinstance(value, (int, float)) and not isinstance(value, bool):
            hint = f"Mettez la valeur entre guillemets : \"{value}\"."
        elif "boolean" in expected and isinstance(value, str) and value.lower() in _YES_NO:
            hint = "Écrivez true (oui) ou false (non), sans guillemets."
        elif value is None:
            hint = "La valeur est vide : complétez-la ou supprimez la ligne. " + hint
        report.emit(doc.path, pos, "type", ou=where, attendu=wanted, conseil=hint.strip())
        return
    code = f"schema-{v}" if f"schema-{v}" in CATALOGUE else "schema-autre"
    hint = None if v == "uniqueItems" else _describe(schema)
    if v == "pattern" and isinstance(value, str) and value != value.strip() and schemas.ecma(err.validator_value).search(value.strip()):
        # Pasted values often carry a space or a line break at one end, invisible in an editor.
        place = "en fin" if value.rstrip() != value else "au début"
        what = "d'adresse" if "@" in value else "de valeur"
        hint = f"Espace {place} {what} : écrivez « {value.strip()} »."
    elif v == "pattern" and path and path[-1] == "telephone" and isinstance(value, str) and phones.normalise(value):
        hint = f"Écrivez « {phones.normalise(value)} » (format international, sans espace)."
    report.emit(doc.path, pos, code, hint=hint, valeur=_visible(value), ou=where,
                titre=schema.get("title") or _name(path), limite=err.validator_value, detail=err.message)


def describe_path(kind: str, path: tuple) -> str:
    """What the schema says of the field at `path` (title, description, example), or ""."""
    node = schemas.resolve(schemas.bundled(kind), kind)
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part, {})
        node = schemas.resolve(node, kind) if isinstance(node, dict) else {}
    return _describe(node) if isinstance(node, dict) else ""
