"""Freshness per structure: how recently its offers were checked (the report: the workshop
programme changes every quarter, so data goes stale fast)."""
from __future__ import annotations

import datetime as dt

from ..validation.common import STALE_DAYS, STALE_WARNING_DAYS
from .facts import Facts
from .scopes import Scope
from .table import Column, Figure, Table

LEVELS = (("a_jour", "À jour (6 mois ou moins)"), ("a_verifier", "À vérifier (6 mois à 1 an)"), ("perimees", "Périmées (plus d'un an)"))


def level(date: str, today: dt.date) -> str:
    age = (today - dt.date.fromisoformat(date)).days
    return "a_jour" if age <= STALE_WARNING_DAYS else ("a_verifier" if age <= STALE_DAYS else "perimees")


def figure(facts: Facts, scope: Scope) -> Figure:
    d = facts.directory
    grouped = facts.by_structure(scope, active_only=False)
    rows = []
    for sid in facts.structures_in(scope):
        mine = grouped.get(sid, [])
        counts = {key: 0 for key, _ in LEVELS}
        for o in mine:
            counts[level(o["date_maj"], d.today)] += 1
        oldest = min((o["date_maj"] for o in mine), default="")
        rows.append({"structure": d.structures[sid]["nom"], "verification": d.structures[sid]["date_maj"], **counts,
                     "total": len(mine), "plus_ancienne": oldest})
    columns = [Column("structure", "Structure", numeric=False), Column("verification", "Fiche de la structure vérifiée le", numeric=False)]
    columns += [Column(key, label) for key, label in LEVELS]
    columns += [Column("total", "Offres"), Column("plus_ancienne", "Offre vérifiée il y a le plus longtemps", numeric=False)]
    chart = {"kind": "stacked", "labels": [r["structure"] for r in rows], "series": [(label, [r[key] for r in rows]) for key, label in LEVELS],
             "unit": "offres"}
    description = "Offres par structure selon leur dernière vérification. " + "; ".join(
        f"{r['structure']} : " + ", ".join(f"{r[k]} {label.split(' (')[0].lower()}" for k, label in LEVELS) for r in rows) + "."
    table = Table("fraicheur", "Dernière vérification des offres, par structure", columns, rows, row_total="total",
                  chart=chart, description=description)
    return Figure("fraicheur", "Fraîcheur des informations",
                  "Depuis quand chaque structure n'a pas vérifié ses offres (toutes les offres, y compris suspendues ou prévues). "
                  "Une offre vérifiée il y a plus de six mois est signalée « à vérifier » sur le site, plus d'un an « périmée ».",
                  [table])
