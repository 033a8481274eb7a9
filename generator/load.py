"""Safe YAML reading that keeps the line and column of every value.

PyYAML's YAML 1.1 rules turn `14:00` into 840 and `2026-01-12` into a date; volunteers write
both unquoted, so plain scalars are resolved here with a small JSON-like rule set instead.
Anchors and aliases are refused outright: no file needs them and they enable expansion bombs.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import Report

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is a hard requirement in practice
    _Loader = yaml.SafeLoader

MAX_BYTES = 512 * 1024
MAX_DEPTH = 40
MAX_DIGITS = 15
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STR_TAG = "tag:yaml.org,2002:str"
_KNOWN_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "binary")}

@dataclass
class Document:
    """A YAML file as JSON-shaped data plus where each value sits in the file."""

    path: str
    data: Any = None
    values: dict = field(default_factory=dict)  # path tuple -> (line, col), 1-based
    keys: dict = field(default_factory=dict)  # path tuple -> position of the key naming it
    ok: bool = False

    def pos(self, path: tuple = (), key: bool = False) -> tuple[int, int]:
        """Position of `path`, or of its nearest ancestor that was read."""
        path = tuple(path)
        while True:
            table = self.keys if key else self.values
            if path in table:
                return table[path]
            if key and path in self.values:
                return self.values[path]
            if not path:
                return (1, 1)
            path = path[:-1]


class _Unreadable(ValueError):
    """A plain scalar that looks like a number no field can hold."""


def _scalar(node: yaml.ScalarNode):
    # libyaml reports plain scalars with style '' and the pure-Python parser with None.
    if node.style or node.tag == _STR_TAG:
        return node.value
    v = node.value
    if v in _NULL:
        return None
    if v in _BOOL:
        return _BOOL[v]
    if _INT.match(v):
        # Python refuses to read ints of thousands of digits, and the fast validator would wrap
        # huge ones silently: no field of the schema holds more than a few digits.
        if len(v.lstrip("+-")) > MAX_DIGITS:
            raise _Unreadable(v)
        return int(v)
    if _FLOAT.match(v):
        number = float(v)
        if not math.isfinite(number) or len(v) > 3 * MAX_DIGITS:
            raise _Unreadable(v)
        return number
    return v


_TRANSLATIONS = [
    ("mapping values are not allowed", "deux-points « : » inattendu",
     "Une valeur qui contient « : » doit être mise entre guillemets, ou l'indentation de la ligne est fausse."),
    ("could not find expected ':'", "il manque « : » après un nom de champ",
     "Chaque ligne d'un objet s'écrit « champ: valeur » ; vérifiez aussi les guillemets non fermés."),
    ("found a tab character", "tabulation interdite", "Indentez uniquement avec des espaces (2 par niveau)."),
    ("did not find expected key", "indentation incohérente",
     "Alignez les champs d'un même objet sur la même colonne, avec des espaces."),
    ("did not find expected '-' indicator", "élément de liste mal aligné",
     "Alignez les tirets « - » d'une même liste sur la même colonne."),
    ("found unexpected end of stream", "guillemet ou crochet non fermé", "Fermez le guillemet ou le crochet ouvert plus haut."),
    ("found unexpected ':'", "deux-points « : » inattendu", "Mettez la valeur entre guillemets."),
    ("expected a single document", "plusieurs documents dans un seul fichier",
     "Retirez la ligne « --- » : un fichier ne contient qu'un document."),
    ("exceeded maximum nesting depth", "imbrication trop profonde", "Un fichier de l'annuaire n'a besoin que de quelques niveaux."),
    ("found undefined alias", "alias YAML inconnu", "Les alias (*nom) ne sont pas autorisés : écrivez la valeur."),
    ("found unacceptable character", "caractère interdit (caractère de contrôle)", "Supprimez ce caractère invisible."),
    ("found unknown escape character", "séquence d'échappement inconnue entre guillemets",
     "Entre guillemets doubles, « \\ » doit être doublé ; ou utilisez des guillemets simples."),
    ("while scanning an alias", "« * » en début de valeur", "Mettez la valeur entre guillemets."),
    ("while scanning an anchor", "« & » en début de valeur", "Mettez la valeur entre guillemets."),
    ("found character '@' that cannot start any token", "« @ » en début de valeur", "Mettez la valeur entre guillemets."),
    ("found character '`' that cannot start any token", "« ` » en début de valeur", "Mettez la valeur entre guillemets."),
    ("found character '%' that cannot start any token", "« % » en début de valeur", "Mettez la valeur entre guillemets."),
]


def _yaml_error(exc: yaml.YAMLError, text: str) -> tuple[tuple[int, int], str, str]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    pos = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = f"{getattr(exc, 'problem', '') or ''} {getattr(exc, 'context', '') or ''}"
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return pos, "syntaxe YAML invalide : tabulation interdite", "Indentez uniquement avec des espaces (2 par niveau)."
    if "cannot start any token" in problem:
        return pos, "syntaxe YAML invalide : caractère inattendu en début de valeur", "Mettez la valeur entre guillemets."
    for needle, message, hint in _TRANSLATIONS:
        if needle in problem:
            return pos, f"syntaxe YAML invalide : {message}", hint
    detail = (getattr(exc, "problem", None) or str(exc)).strip()
    return pos, f"syntaxe YAML invalide ({detail})", "Vérifiez l'indentation, les deux-points et les guillemets sur cette ligne et la précédente."


def _prescan(text: str, path: str, report: Report) -> bool:
    """Refuse anchors, aliases and deep nesting before any tree is built."""
    depth = 0
    try:
        for ev in yaml.parse(text, Loader=_Loader):
            pos = (ev.start_mark.line + 1, ev.start_mark.column + 1)
            if isinstance(ev, yaml.AliasEvent):
                report.emit(path, pos, "yaml-alias")
                return False
            if getattr(ev, "anchor", None):
                report.emit(path, pos, "yaml-ancre")
                return False
            if isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    report.emit(path, pos, "yaml-profondeur", niveaux=MAX_DEPTH)
                    return False
            elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        pos, message, hint = _yaml_error(exc, text)
        report.emit(path, pos, "yaml-syntaxe", message=message, conseil=hint)
        return False
    return True


def _needs_prescan(text: str) -> bool:
    return "&" in text or "*" in text or text.count("[") + text.count("{") > 200


def load_file(path: str, report: Report) -> Document:
    doc = Document(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        report.emit(path, (1, 1), "fichier-illisible", raison=exc.strerror)
        return doc
    if len(raw) > MAX_BYTES:
        report.emit(path, (1, 1), "fichier-trop-gros", kio=MAX_BYTES // 1024)
        return doc
    return load_bytes(path, raw, report)


def load_bytes(path: str, raw: bytes, report: Report) -> Document:
    doc = Document(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        report.emit(path, (line, col), "encodage", quoi="le fichier n'est pas en UTF-8 (caractère illisible)",
                    conseil="Enregistrez le fichier en UTF-8 dans votre éditeur (souvent : « Enregistrer sous » → encodage UTF-8).")
        return doc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        report.emit(path, (line, 1), "encodage", quoi="le fichier contient un caractère nul (fichier binaire ?)",
                    conseil="Ce fichier n'est pas un texte YAML : remplacez-le par un fichier texte en UTF-8.")
        return doc
    if _needs_prescan(text) and not _prescan(text, path, report):
        return doc
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        pos, message, hint = _yaml_error(exc, text)
        report.emit(path, pos, "yaml-syntaxe", message=message, conseil=hint)
        return doc
    if node is None:
        report.emit(path, (1, 1), "fichier-vide")
        return doc
    errors_before = report.errors
    doc.data = _build(node, (), doc, report, 0)
    doc.ok = report.errors == errors_before
    return doc


def _build(node, path: tuple, doc: Document, report: Report, depth: int):
    mark = node.start_mark
    doc.values[path] = (mark.line + 1, mark.column + 1)
    if depth > MAX_DEPTH:
        report.emit(doc.path, doc.values[path], "yaml-profondeur", hint="", niveaux=MAX_DEPTH)
        return None
    if node.tag not in _KNOWN_TAGS:
        report.emit(doc.path, doc.values[path], "yaml-etiquette", etiquette=node.tag)
        return None
    if isinstance(node, yaml.ScalarNode):
        try:
            return _scalar(node)
        except _Unreadable:
            report.emit(doc.path, doc.values[path], "nombre-illisible", debut=node.value[:12], chiffres=MAX_DIGITS)
            return None
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, path + (i,), doc, report, depth + 1) for i, child in enumerate(node.value)]
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        kpos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            report.emit(doc.path, kpos, "yaml-cle")
            continue
        key = key_node.value
        if key in out:
            first = doc.keys[path + (key,)]
            report.emit(doc.path, kpos, "cle-dupliquee", champ=key, ligne=first[0])
            continue
        doc.keys[path + (key,)] = kpos
        out[key] = _build(value_node, path + (key,), doc, report, depth + 1)
    return out
