"""JSON Schema errors turned into plain-French diagnostics with a position and a hint."""
from __future__ import annotations

import difflib
import json

from . import schemas
from .diagnostics import Report
from .load import Document

_TYPES = {"string": "un texte", "integer": "un nombre entier", "number": "un nombre", "boolean": "vrai ou faux (true / false)",
          "array": "une liste (lignes commençant par « - »)", "object": "un objet (des lignes « champ: valeur » indentées)", "null": "vide"}
_YES_NO = {"oui", "non", "yes", "no", "vrai", "faux", "on", "off", "o", "n", "y"}


def _name(path) -> str:
    parts = [p for p in path if isinstance(p, str)]
    return parts[-1] if parts else "racine du fichier"


def _where(path) -> str:
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


def report_errors(doc: Document, kind: str, report: Report) -> None:
    validator = schemas.detailed(kind)
    for err in sorted(validator.iter_errors(doc.data), key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        _one(doc, kind, err, report)


def _one(doc: Document, kind: str, err, report: Report) -> None:
    path = tuple(err.absolute_path)
    schema = schemas.resolve(err.schema, kind) if isinstance(err.schema, dict) else {}
    value = err.instance
    where = _where(path)
    pos = doc.pos(path)
    v = err.validator
    if v == "required":
        for field in err.validator_value:
            if isinstance(value, dict) and field not in value:
                sub = schemas.resolve(schema.get("properties", {}).get(field, {}), kind)
                report.error(doc.path, doc.pos(path, key=True), "champ-manquant",
                             f"champ obligatoire « {field} » manquant" + (f" dans {where}" if path else ""),
                             _describe(sub) or f"Ajoutez la ligne « {field}: … ».")
        return
    if v == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for extra in sorted(k for k in value if k not in schema.get("properties", {})):
            close = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
            hint = f"Vouliez-vous dire « {close[0]} » ?" if close else "Champs possibles ici : " + ", ".join(allowed) + "."
            report.error(doc.path, doc.pos(path + (extra,), key=True), "champ-inconnu",
                         f"champ inconnu « {extra} »" + (f" dans {where}" if path else ""), hint)
        return
    choices = _choices(schema) if v in ("anyOf", "oneOf", "enum", "const") else None
    if choices is not None:
        codes = [c["const"] for c in choices]
        shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
        close = difflib.get_close_matches(str(value), [str(c) for c in codes], n=1, cutoff=0.5)
        listing = ", ".join(f"{c['const']}" + (f" ({c['title']})" if "title" in c else "") for c in choices)
        hint = (f"Vouliez-vous dire « {close[0]} » ? " if close else "") + f"Valeurs possibles : {listing}."
        title = schema.get("title")
        report.error(doc.path, pos, "valeur-inconnue",
                     f"« {shown} » n'est pas une valeur autorisée pour {where}" + (f" ({title})" if title else ""), hint)
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
        report.error(doc.path, pos, "type", f"{where} doit être {wanted}", hint.strip())
        return
    label = schema.get("title") or _name(path)
    messages = {
        "pattern": f"« {value} » n'a pas le format attendu pour {where} ({label})",
        "format": f"« {value} » n'est pas une date valide pour {where}",
        "minLength": f"{where} est trop court (au moins {err.validator_value} caractères)",
        "maxLength": f"{where} est trop long (au plus {err.validator_value} caractères)",
        "minItems": f"{where} doit contenir au moins {err.validator_value} élément(s)",
        "maxItems": f"{where} contient trop d'éléments (au plus {err.validator_value})",
        "uniqueItems": f"{where} contient un doublon",
        "minimum": f"{where} doit valoir au moins {err.validator_value}",
        "maximum": f"{where} doit valoir au plus {err.validator_value}",
        "exclusiveMinimum": f"{where} doit être supérieur à {err.validator_value}",
        "minProperties": f"{where} ne doit pas être vide",
    }
    message = messages.get(v, f"{where} : valeur non conforme ({err.message})")
    hint = _describe(schema)
    if v == "uniqueItems":
        hint = "Retirez la valeur répétée."
    report.error(doc.path, pos, f"schema-{v}", message, hint)
