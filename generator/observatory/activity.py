"""Activity, where structures declare it (`activite` of an offer): people reached per type of offer,
structure and year, publics reached, séances and hours delivered. The figures are what the
structures wrote: years are kept apart, and an offer without figures is simply not counted."""
from __future__ import annotations

from .. import referentials
from .facts import Facts, families, family
from .scopes import Scope
from .table import Column, Figure, Table


def figure(facts: Facts, scope: Scope) -> Figure | None:
    d = facts.directory
    offers = [o for o in facts.offers_in(scope, active_only=False) if o.get("activite")]
    if not offers:
        return None
    fams = families()
    years = sorted({e["annee"] for o in offers for e in o["activite"]})
    by_year = {y: {code: 0 for code, _ in fams} for y in years}
    by_structure: dict[tuple[str, int], dict] = {}
    by_public: dict[str, dict[int, int]] = {}
    for o in offers:
        for e in o["activite"]:
            by_year[e["annee"]][family(o["segment"])] += e.get("personnes", 0)
            row = by_structure.setdefault((o.structure_id, e["annee"]), {"offres": 0, "personnes": 0, "passages": 0, "seances": 0, "heures": 0})
            row["offres"] += 1
            for key in ("personnes", "passages", "seances", "heures"):
                row[key] += e.get(key, 0)
            for p in e.get("personnes_par_public", ()):
                by_public.setdefault(p["public"], {}).setdefault(e["annee"], 0)
                by_public[p["public"]][e["annee"]] += p["personnes"]
    used = [(code, label) for code, label in fams if any(by_year[y][code] for y in years)]
    t_years = Table("activite-segments", "Personnes touchées par année et par type d'offre",
                    [Column("annee", "Année", numeric=False)] + [Column(code, label) for code, label in used] + [Column("total", "Total")],
                    [{"annee": str(y), **{code: by_year[y][code] for code, _ in used}, "total": sum(by_year[y][c] for c, _ in used)} for y in years],
                    row_total="total",
                    chart={"kind": "bars", "labels": [label for _, label in used], "series": [(str(y), [by_year[y][c] for c, _ in used]) for y in years],
                           "unit": "personnes"},
                    description="Personnes touchées par type d'offre et par année. " + "; ".join(
                        f"{y} : " + ", ".join(f"{label.lower()} {by_year[y][c]}" for c, label in used if by_year[y][c]) for y in years) + ".")
    rows = []
    for (sid, year), v in sorted(by_structure.items(), key=lambda kv: (d.structures[kv[0][0]]["nom"].casefold(), kv[0][1])):
        rows.append({"structure": d.structures[sid]["nom"], "annee": str(year), **{k: round(x, 2) if isinstance(x, float) else x for k, x in v.items()}})
    t_structures = Table("activite-structures", "Activité déclarée par structure et par année",
                         [Column("structure", "Structure", numeric=False), Column("annee", "Année", numeric=False),
                          Column("offres", "Offres avec des chiffres"), Column("personnes", "Personnes touchées"), Column("passages", "Passages"),
                          Column("seances", "Séances"), Column("heures", "Heures", unit="h")], rows)
    publics = referentials.get("publics")
    p_rows = [{"public": publics.label(code), **{str(y): by_public[code].get(y, 0) for y in years}, "total": sum(by_public[code].values())}
              for code in publics.codes if code in by_public]
    tables = [t_years, t_structures]
    if p_rows:
        tables.append(Table("activite-publics", "Personnes touchées par public, quand la structure les a comptées",
                            [Column("public", "Public", numeric=False)] + [Column(str(y), str(y)) for y in years] + [Column("total", "Total")],
                            p_rows, row_total="total"))
    return Figure("activite", "Activité déclarée",
                  "Ce que les offres ont réalisé, d'après les chiffres que les structures publient (bilans d'activité) : "
                  "personnes touchées, passages en accès libre, séances et heures. Chaque année est comptée à part.",
                  tables, notes=[f"{len(offers)} offres de ce territoire donnent des chiffres d'activité ; les autres n'en donnent pas."])
