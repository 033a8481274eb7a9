"""Rules for the yearly activity figures of an offer (`activite`): one entry per year, no year to come,
breakdowns that do not exceed their total, partners declared in structure.yml."""
from __future__ import annotations

from .. import referentials
from ..diagnostics import Report
from ..load import Document


def check_years(doc: Document, ctx, report: Report) -> None:
    seen: dict[int, int] = {}
    for i, entry in enumerate(doc.data.get("activite", ())):
        year = entry["annee"]
        pos = doc.pos(("activite", i, "annee"))
        if year in seen:
            report.emit(doc.path, pos, "activite-annee-double", annee=year, numero=seen[year] + 1)
        elif year > ctx.today.year:
            report.emit(doc.path, pos, "activite-annee-future", annee=year)
        seen.setdefault(year, i)


def check_breakdowns(doc: Document, ctx, report: Report) -> None:
    """People counted by public or by referring partner: each once, and no more than the year's total."""
    for i, entry in enumerate(doc.data.get("activite", ())):
        base = ("activite", i)
        total = entry.get("personnes")
        for key, field, label in (("personnes_par_public", "public", "public"), ("orientations", "partenaire", "partenaire")):
            seen = set()
            for j, item in enumerate(entry.get(key, ())):
                if item[field] in seen:
                    name = referentials.label("publics", item[field]) if field == "public" else item[field]
                    report.emit(doc.path, doc.pos(base + (key, j, field)), "activite-doublon", quoi=label, valeur=name,
                                annee=entry["annee"])
                seen.add(item[field])
            part = sum(item["personnes"] for item in entry.get(key, ()))
            if total is not None and part > total:
                report.emit(doc.path, doc.pos(base + (key,), key=True), "activite-depasse", annee=entry["annee"], somme=part,
                            total=total, quoi="par public" if field == "public" else "par partenaire")


def check_partners(doc: Document, ctx, report: Report) -> None:
    if ctx.structure is None:
        return
    declared = {p["id"] for p in ctx.structure.get("partenaires", [])}
    for i, entry in enumerate(doc.data.get("activite", ())):
        for j, item in enumerate(entry.get("orientations", ())):
            if item["partenaire"] not in declared:
                report.emit(doc.path, doc.pos(("activite", i, "orientations", j, "partenaire")), "partenaire-inconnu",
                            partenaire=item["partenaire"], declares=", ".join(sorted(declared)) or "aucun")


RULES = (check_years, check_breakdowns, check_partners)
