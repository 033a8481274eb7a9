"""What each field of a YAML file is, read from the JSON Schemas (the single source of truth):
its French title, the referential its codes come from, and how its values read (date, hours,
phone number…). The diff names fields and shows values with these, never with YAML keys."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..referentials import SCHEMA_DIR

ITEM = "*"  # path step for "any item of an array"


@dataclass(frozen=True)
class Field:
    title: str
    referential: str | None = None  # codes shown as the referential's labels
    kind: str = ""  # "date", "horaires", "telephone", "heure", "boolean", "number", "text", "object", "array"


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _target(ref: str, base: Path) -> tuple[dict, Path, str]:
    file_part, _, fragment = ref.partition("#")
    file = (base.parent / file_part).resolve() if file_part else base
    node = _read(file)
    for part in (p for p in fragment.split("/") if p):
        node = node[part]
    return node, file, fragment


def _kind_of(ref_file: Path, fragment: str, node: dict) -> tuple[str | None, str]:
    if ref_file.parent.name == "referentiels":
        return ref_file.stem, ""
    name = fragment.rsplit("/", 1)[-1]
    if name in ("date", "horaires", "telephone", "heure"):
        return None, name
    return None, ""


@cache
def fields(kind: str) -> dict[tuple, Field]:
    """{path with ITEM for array items: Field} for one document kind (`offre`, `lieux`, `structure`)."""
    root_file = SCHEMA_DIR / f"{kind}.schema.json"
    out: dict[tuple, Field] = {}

    def walk(node: dict, base: Path, path: tuple, title: str | None, referential: str | None, special: str):
        if "$ref" in node:
            target, file, fragment = _target(node["$ref"], base)
            ref_name, ref_kind = _kind_of(file, fragment, target)
            walk({k: v for k, v in target.items() if k not in ("$schema", "$defs", "title")}, file, path,
                 node.get("title") or title or target.get("title"), referential or ref_name, special or ref_kind)
            return
        title = node.get("title") or title or (path[-1] if path else "")
        kind_name = special or {"boolean": "boolean", "integer": "number", "number": "number", "object": "object",
                                "array": "array"}.get(node.get("type"), "text")
        if referential is None and node.get("type") == "array" and "$ref" in node.get("items", {}):
            _, file, _ = _target(node["items"]["$ref"], base)
            if file.parent.name == "referentiels":
                referential = file.stem
        out[path] = Field(title, referential, kind_name)
        for key, sub in node.get("properties", {}).items():
            walk(sub, base, path + (key,), None, None, "")
        if isinstance(node.get("items"), dict):
            walk(node["items"], base, path + (ITEM,), title, None, "")

    walk(_read(root_file), root_file, (), None, None, "")
    return out


def field(kind: str, path: tuple) -> Field:
    """The Field of a concrete path (array indexes become ITEM); a plain one if the schema has none."""
    generic = tuple(ITEM if isinstance(p, int) else p for p in path)
    return fields(kind).get(generic) or Field(str(path[-1]) if path else kind)
