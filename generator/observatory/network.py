"""The referral network: which partner bodies (CAF, France Travail, Mission locale, CCAS…) send
people to which structures — the report's « publics orientés », invisible until now."""
from __future__ import annotations

from .. import referentials
from .facts import Facts
from .scopes import Scope
from .table import Column, Figure, Table


def figure(facts: Facts, scope: Scope) -> Figure:
    d = facts.directory
    offers = facts.offers_in(scope)
    running = facts.by_structure(scope)
    sids = [s for s in facts.structures_in(scope) if s in running]
    types = referentials.get("types-partenaires")
    counts: dict[tuple[str, str], int] = {}
    referred: dict[str, int] = {}
    names: dict[str, dict[str, set[str]]] = {}
    for o in offers:
        s = d.structure_of(o)
        for orient in o.get("orientation", ()):
            partner = s.partenaire(orient["partenaire"])
            kind = partner["type"] if partner else "autre"
            counts[(kind, o.structure_id)] = counts.get((kind, o.structure_id), 0) + 1
            names.setdefault(kind, {}).setdefault(partner["nom"] if partner else orient["partenaire"], set()).add(s["nom"])
        for entry in o.get("activite", ()):
            for item in entry.get("orientations", ()):
                partner = s.partenaire(item["partenaire"])
                kind = partner["type"] if partner else "autre"
                referred[kind] = referred.get(kind, 0) + item["personnes"]
    kinds = [i for i in types.items if any(k == i.code for k, _ in counts) or i.code in referred]
    columns = [Column("partenaire", "Organisme qui oriente", numeric=False)]
    columns += [Column(sid, d.structures[sid]["nom"]) for sid in sids]
    columns += [Column("total", "Offres"), Column("personnes", "Personnes orientées (bilans d'activité)")]
    rows = []
    for item in kinds:
        row = {"partenaire": item.label, **{sid: counts.get((item.code, sid), 0) for sid in sids}}
        row["total"] = sum(row[sid] for sid in sids)
        row["personnes"] = referred.get(item.code, 0)
        rows.append(row)
    chart = {"kind": "heatmap", "rows": [r["partenaire"] for r in rows], "columns": [d.structures[s]["nom"] for s in sids],
             "values": [[r[s] for s in sids] for r in rows], "unit": "offres"}
    description = ("Nombre d'offres vers lesquelles chaque type d'organisme oriente des personnes, par structure. "
                   + "; ".join(f"{r['partenaire']} : " + ", ".join(f"{d.structures[s]['nom']} {r[s]}" for s in sids if r[s]) for r in rows if r["total"])
                   + ".")
    table = Table("orientation", "Offres vers lesquelles chaque organisme oriente, par structure", columns, rows, row_total="total",
                  chart=chart, description=description)
    notes = []
    for item in kinds:
        for name, structures in sorted(names.get(item.code, {}).items(), key=lambda kv: kv[0].casefold()):
            notes.append(f"{name} ({item.label}) oriente vers : {', '.join(sorted(structures, key=str.casefold))}.")
    return Figure("orientation", "Réseau d'orientation",
                  "Qui envoie des personnes vers qui : pour chaque type d'organisme partenaire, le nombre d'offres en cours "
                  "vers lesquelles il oriente, structure par structure, et les personnes orientées quand les bilans d'activité le disent.",
                  [table], notes=notes or ["Aucune offre ne déclare d'orientation par un partenaire sur ce territoire."])
