"""The enumerations of `schema/referentiels/`: codes, French labels, descriptions, mappings.

Each referential is a JSON Schema whose `anyOf` lists `const` values with a `title`, a
`description` and `x-…` keys mapping the value to the national standards.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
REF_DIR = SCHEMA_DIR / "referentiels"


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    description: str
    extra: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    def get(self, key: str, default=None):
        return self.extra.get(key, default)


@dataclass(frozen=True)
class Referential:
    name: str
    title: str
    description: str
    items: tuple[Item, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.items)

    def __getitem__(self, code: str) -> Item:
        return _index(self.name)[code]

    def __contains__(self, code: str) -> bool:
        return code in _index(self.name)

    def label(self, code: str) -> str:
        item = _index(self.name).get(code)
        return item.label if item else code


@cache
def names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in REF_DIR.glob("*.json")))


@cache
def get(name: str) -> Referential:
    doc = json.loads((REF_DIR / f"{name}.json").read_text(encoding="utf-8"))
    items = tuple(
        Item(e["const"], e["title"], e["description"], MappingProxyType({k: v for k, v in e.items() if k.startswith("x-")}))
        for e in doc["anyOf"]
    )
    return Referential(name, doc["title"], doc["description"], items)


@cache
def _index(name: str) -> dict[str, Item]:
    return {i.code: i for i in get(name).items}


def label(name: str, code: str) -> str:
    return get(name).label(code)
