"""Publics × segments: which publics each type of offer targets, and which publics have no offer."""
from __future__ import annotations

from .. import referentials
from .facts import Facts, families, family
from .scopes import Scope
from .table import Column, Figure, Table

ALL = "tous-publics"


def figure(facts: Facts, scope: Scope) -> Figure:
    fams = families()
    offers = facts.offers_in(scope)
    rows = []
    for item in referentials.get("publics").items:
        counts = {code: 0 for code, _ in fams}
        for o in offers:
            if item.code in o.get("publics", ()):
                counts[family(o["segment"])] += 1
        rows.append({"public": item.label, "code": item.code, **counts, "total": sum(counts.values())})
    columns = [Column("public", "Public", numeric=False)] + [Column(code, label) for code, label in fams] + [Column("total", "Total")]
    chart = {"kind": "heatmap", "rows": [r["public"] for r in rows], "columns": [label for _, label in fams],
             "values": [[r[code] for code, _ in fams] for r in rows], "unit": "offres"}
    missing = [r["public"] for r in rows if r["code"] != ALL and not r["total"]]
    open_to_all = next(r["total"] for r in rows if r["code"] == ALL)
    description = ("Nombre d'offres en cours par public visé et type d'offre. "
                   + "; ".join(f"{r['public']} : {r['total']}" for r in rows) + ".")
    table = Table("publics", "Nombre d'offres en cours par public visé et par type d'offre", columns,
                  [{k: v for k, v in r.items() if k != "code"} for r in rows], total_label=None, row_total="total",
                  chart=chart, description=description)
    notes = [("Aucune offre ne vise en particulier : " + ", ".join(missing) + f". Les {open_to_all} offres « tous publics » leur restent ouvertes.")
             if missing else "Chaque public a au moins une offre qui le vise."]
    return Figure("publics", "Publics et types d'offre",
                  "Quels publics chaque type d'offre vise, d'après les offres en cours : une offre peut viser plusieurs publics, "
                  "elle compte alors sur plusieurs lignes (les lignes ne s'additionnent pas entre elles).",
                  [table], notes=notes)
