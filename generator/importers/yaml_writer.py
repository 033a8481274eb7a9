"""Our documents as YAML text, written by a serializer (never by string formatting): keys in the
schema's order, text quoted whenever YAML 1.1 could read it as something else (`"14:00"`,
`"29151"`, `"off"`), multi-line text as a literal block. Loading the result with
`generator.load` gives the same data back (tested)."""
from __future__ import annotations

import yaml

from .. import schemas

SCHEMA_LINE = {"structure": "../../schema/structure.schema.json", "lieux": "../../schema/lieux.schema.json",
               "offre": "../../../schema/offre.schema.json"}
HEADER = {
    "structure": "Fiche importée : complétez ce que liste « a_completer », relisez ce que liste « a_verifier »,\n"
                 "puis retirez-les de ces listes et lancez « annuaire validate ».",
    "lieux": "Lieux importés. Les offres les citent par leur identifiant (id).",
    "offre": "Offre créée à l'import : le standard national décrit des lieux, pas des offres.\n"
             "Précisez-la ou remplacez-la par vos vraies offres (une par fichier).",
}


# libyaml's emitter when PyYAML was built with it (ten times faster than the pure-Python one).
class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


def _text(dumper, value: str):
    style = "|" if "\n" in value and not any(c in value for c in "\r\t") and value == value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _order(kind: str, node: dict, value):
    """`value` with dict keys in the order of `node`'s properties (unknown keys last, as found)."""
    node = schemas.resolve(node, kind) if isinstance(node, dict) else {}
    if isinstance(value, dict):
        props = node.get("properties", {})
        keys = [k for k in props if k in value] + [k for k in value if k not in props]
        return {k: _order(kind, props.get(k, {}), value[k]) for k in keys}
    if isinstance(value, list):
        return [_order(kind, node.get("items", {}), v) for v in value]
    return value


def dump(kind: str, data: dict) -> str:
    ordered = _order(kind, schemas.bundled(kind), data)
    header = "".join(f"# {line}\n" for line in HEADER[kind].splitlines())
    body = yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
    return f"# yaml-language-server: $schema={SCHEMA_LINE[kind]}\n{header}{body}"
