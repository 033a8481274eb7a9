"""What needs checking, as a terminal listing, as the Markdown of the nightly issue, or as JSON."""
from __future__ import annotations

import json
import os

from ..site.french import date_short, plural
from .stale import StructureToCheck
from .values import code, md_text

MARKER = "<!-- annuaire-a-verifier -->"  # lets the nightly workflow find and update its one issue
LEVELS = {"a-verifier": "à vérifier", "perime": "périmée"}
KINDS = {"structure": "Fiche de la structure", "offre": "Offre"}


def _rel(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _threshold(months: int | None) -> str:
    return f"{months} mois" if months is not None else "six mois"


def text(found: list[StructureToCheck], today, months: int | None) -> str:
    if not found:
        return f"Rien à vérifier : tout a été vérifié depuis moins de {_threshold(months)} (au {date_short(today)})."
    lines = []
    for s in found:
        who = ", ".join(f"@{h}" for h in s.maintainers) or "aucun mainteneur"
        lines.append(f"{s.name} ({s.id}) — {who}")
        for i in s.items:
            lines.append(f"  {_rel(i.file)} : {KINDS[i.kind].lower()} « {i.name} », vérifiée le {date_short(i.checked)} "
                         f"(il y a {i.age_days} jours, {LEVELS[i.level]})")
    total = sum(len(s.items) for s in found)
    lines.append(f"{plural(total, 'fiche')} à vérifier dans {plural(len(found), 'structure')} "
                 f"(non vérifiées depuis {_threshold(months)} au {date_short(today)}).")
    return "\n".join(lines)


def markdown(found: list[StructureToCheck], today, months: int | None) -> str:
    total = sum(len(s.items) for s in found)
    out = [MARKER, f"## Fiches à vérifier au {date_short(today)}", ""]
    if not found:
        return "\n".join(out + [f"Rien à vérifier : tout a été vérifié depuis moins de {_threshold(months)}."]) + "\n"
    out += [f"{plural(total, 'fiche')} de {plural(len(found), 'structure')} n'ont pas été vérifiées depuis "
            f"{_threshold(months)}. Pour chacune : relisez les informations avec la structure, corrigez-les si besoin, "
            "puis mettez la date du jour dans `date_maj` (même si rien d'autre ne change).", ""]
    for s in found:
        # Handles follow the schema's pattern (letters, digits, hyphens): the mention is wanted here.
        who = " ".join(f"@{h}" for h in s.maintainers) or "aucun mainteneur déclaré"
        out += [f"### {md_text(s.name)} ({code(s.id)})", "", f"Mainteneurs : {who}", ""]
        for i in s.items:
            out.append(f"- [ ] {KINDS[i.kind]} **{md_text(i.name)}** — vérifiée le {date_short(i.checked)} "
                       f"({LEVELS[i.level]}) — {code(_rel(i.file))}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def as_json(found: list[StructureToCheck], today, months: int | None) -> str:
    return json.dumps({"today": today.isoformat(), "months": months, "structures": [
        {"id": s.id, "name": s.name, "maintainers": list(s.maintainers),
         "items": [{**i.__dict__, "file": _rel(i.file)} for i in s.items]} for s in found]},
        ensure_ascii=False, indent=2)
