"""Rules for imported files: each field listed in `a_completer` or `a_verifier`, and coordinates
that are only the commune's centre, become a warning at their line — the volunteer's work list
(the importer writes these marks instead of inventing values)."""
from __future__ import annotations

import json

from .. import geography, schemas
from ..completeness import TO_CHECK, TO_COMPLETE
from ..diagnostics import Report
from ..load import Document


def _properties(kind: str) -> dict:
    root = schemas.bundled(kind)
    if kind == "lieux":
        root = schemas.resolve(root["properties"]["lieux"]["items"], kind)
    return root.get("properties", {})


def _field_schema(kind: str, name: str) -> dict | None:
    props, node = _properties(kind), None
    for part in name.split("."):
        if part not in props:
            return None
        node = schemas.resolve(props[part], kind)
        props = node.get("properties", {})
    return node


def _value(data: dict, name: str):
    for part in name.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _show(value) -> str:
    return f"« {value} »" if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def marks(doc: Document, kind: str, data: dict, base: tuple, report: Report) -> None:
    for i, name in enumerate(data.get(TO_COMPLETE, ())):
        pos = doc.pos(base + (TO_COMPLETE, i))
        field = _field_schema(kind, name)
        if field is None:
            report.emit(doc.path, pos, "liste-import", champ=name, liste=TO_COMPLETE, raison="n'est pas un champ de ce fichier")
        elif _value(data, name) is not None:
            report.emit(doc.path, pos, "a-completer-fait", champ=name)
        else:
            example = field.get("examples")
            advice = (field.get("description") or "").strip() + (f" Exemple : {name}: {_show(example[0])}." if example else "")
            report.emit(doc.path, pos, "a-completer", titre=field.get("title") or name, champ=name,
                        conseil=(advice + " Puis retirez-le de la liste a_completer.").strip())
    for i, name in enumerate(data.get(TO_CHECK, ())):
        pos = doc.pos(base + (TO_CHECK, i))
        value = _value(data, name)
        if _field_schema(kind, name) is None or value is None:
            report.emit(doc.path, pos, "liste-import", champ=name, liste=TO_CHECK, raison="n'a pas de valeur")
        else:
            report.emit(doc.path, pos, "valeur-deduite", champ=name, valeur=_show(value))


def check_structure_marks(doc: Document, ctx, report: Report) -> None:
    marks(doc, "structure", doc.data, (), report)


def check_offer_marks(doc: Document, ctx, report: Report) -> None:
    marks(doc, "offre", doc.data, (), report)


def check_venue_marks(doc: Document, ctx, report: Report) -> None:
    for i, lieu in enumerate(doc.data.get("lieux", [])):
        base = ("lieux", i)
        marks(doc, "lieux", lieu, base, report)
        if (lieu.get("coordonnees") or {}).get("approchees"):
            commune = geography.commune(lieu.get("code_insee", ""))
            report.emit(doc.path, doc.pos(base + ("coordonnees",)), "coordonnees-approchees",
                        centre=f"le centre de {commune.nom}" if commune else "le centre de la commune")
