"""The report's portfolio table: for each structure, how present each segment family is (+, ++, +++)."""
from __future__ import annotations

from .facts import Facts, families, family
from .scopes import Scope
from .table import Column, Figure, Table

LEGEND = ["+ : une offre de ce type", "++ : deux offres", "+++ : trois offres ou plus", "case vide : aucune offre"]


def level(count: int) -> str:
    """The report's marks, read as a number of running offers: 1 → +, 2 → ++, 3 or more → +++."""
    return "+" * min(count, 3)


def figure(facts: Facts, scope: Scope) -> Figure:
    fams = families()
    grouped = facts.by_structure(scope)
    columns = [Column("structure", "Structure", numeric=False)] + [Column(code, label) for code, label in fams]
    columns.append(Column("total", "Total"))
    rows = []
    for sid in facts.structures_in(scope):
        counts = {code: 0 for code, _ in fams}
        for o in grouped.get(sid, ()):
            counts[family(o["segment"])] += 1
        if sum(counts.values()):
            rows.append({"structure": facts.directory.structures[sid]["nom"], **counts, "total": sum(counts.values())})
    chart = {"kind": "marks", "rows": [r["structure"] for r in rows], "columns": [label for _, label in fams],
             "values": [[r[code] for code, _ in fams] for r in rows], "marks": [[level(r[code]) for code, _ in fams] for r in rows]}
    table = Table("portefeuille", "Nombre d'offres en cours par structure et par type d'offre", columns, rows, row_total="total",
                  chart=chart, description=_describe(rows, fams))
    return Figure("portefeuille", "Portefeuille d'offres des structures",
                  "Quels types d'offre chaque structure propose sur ce territoire, comme dans le tableau du rapport : "
                  "plus il y a de signes +, plus la structure a d'offres de ce type en cours.",
                  [table], legend=LEGEND)


def _describe(rows, fams) -> str:
    if not rows:
        return "Aucune offre en cours sur ce territoire."
    parts = []
    for r in rows:
        present = [f"{label.lower()} {level(r[code])}" for code, label in fams if r[code]]
        parts.append(f"{r['structure']} : " + ", ".join(present))
    return "Tableau de signes + par structure et type d'offre. " + " ; ".join(parts) + "."
