"""The JSON Schemas of `schema/`, bundled into one document each (external `$ref`s inlined)
so that both the fast validator (jsonschema-rs) and the detailed one (jsonschema) read them
without a resolver or network access."""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import jsonschema
import jsonschema_rs

from .referentials import SCHEMA_DIR

KINDS = {"structure": "structure.schema.json", "lieux": "lieux.schema.json", "offre": "offre.schema.json"}


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def bundled(kind: str) -> dict:
    root_file = SCHEMA_DIR / KINDS[kind]
    defs: dict[str, dict] = {}

    def key_for(file: Path, fragment: str) -> str:
        rel = file.relative_to(SCHEMA_DIR).with_suffix("").as_posix()
        return re.sub(r"[^A-Za-z0-9]+", "_", f"{rel}{fragment}").strip("_")

    def rewrite(node, base: Path):
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                if k == "$ref" and isinstance(v, str):
                    file_part, _, fragment = v.partition("#")
                    target_file = (base.parent / file_part).resolve() if file_part else base
                    if target_file == root_file:
                        out[k] = "#" + fragment
                        continue
                    key = key_for(target_file, fragment)
                    if key not in defs:
                        defs[key] = {}
                        target = _read(target_file)
                        for part in [p for p in fragment.split("/") if p]:
                            target = target[part]
                        target = {tk: tv for tk, tv in target.items() if tk not in ("$schema", "$defs")}
                        defs[key] = rewrite(target, target_file)
                    out[k] = f"#/$defs/{key}"
                else:
                    out[k] = rewrite(v, base)
            return out
        if isinstance(node, list):
            return [rewrite(v, base) for v in node]
        return node

    schema = rewrite(_read(root_file), root_file)
    schema.setdefault("$defs", {}).update(defs)
    return schema


@cache
def fast(kind: str):
    # Formats are checked too: a date must exist in the calendar (2027-02-30 does not).
    return jsonschema_rs.Draft202012Validator(bundled(kind), validate_formats=True)


def ecma(pattern: str) -> re.Pattern:
    r"""A JSON Schema pattern (ECMA-262) as a Python regex with the same meaning for our schemas:
    `$` is the end of the text (Python's also matches before a final newline, so "56600\n" would
    pass), `\d` and `\w` are ASCII only."""
    out, escaped, in_class = [], False, False
    for ch in pattern:
        if escaped:
            out.append({"d": "[0-9]", "w": "[A-Za-z0-9_]"}.get(ch, "\\" + ch) if not in_class else "\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "]":
            in_class = False
            out.append(ch)
        elif ch == "$" and not in_class:
            out.append(r"\Z")
        else:
            out.append(ch)
    return re.compile("".join(out))


_ECMA = cache(ecma)


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not _ECMA(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_Detailed = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})


@cache
def detailed(kind: str):
    """The validator that explains: same verdicts as `fast` (a test holds them together), slower."""
    return _Detailed(bundled(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def resolve(schema: dict, kind: str) -> dict:
    """Follow a local `$ref` of a bundled schema (for hints such as allowed values)."""
    while isinstance(schema, dict) and "$ref" in schema:
        target = bundled(kind)
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        schema = {**{k: v for k, v in schema.items() if k != "$ref"}, **target}
    return schema
