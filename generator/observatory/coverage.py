"""Coverage: which communes and intercommunalities have no venue, how many people live there
(official population figures), and how far each commune's centre is from the nearest accès libre
and the nearest formation (straight-line distance)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .. import geography
from .facts import Facts
from .nearest import PointIndex
from .scopes import Scope
from .table import Column, Figure, Table

# The two services the report opposes: free access for those who can already manage, training for the others.
TARGETS = {"acces-libre": "accès libre", "formation": "formation"}
FAR_KM = 10
BANDS = ((0, 2, "moins de 2 km"), (2, 5, "2 à 5 km"), (5, 10, "5 à 10 km"), (10, 20, "10 à 20 km"), (20, None, "20 km ou plus"))


@dataclass(frozen=True)
class CommuneCoverage:
    commune: geography.Commune
    venues: int  # venues with a running offer in the commune
    nearest: dict  # segment → (km, venue uid) or None


@dataclass
class Coverage:
    facts: Facts
    communes: frozenset[str]  # every commune the observatory covers

    @cached_property
    def indexes(self) -> dict[str, PointIndex]:
        d = self.facts.directory
        out = {}
        for segment in TARGETS:
            points = [(d.lieux[v]["coordonnees"]["latitude"], d.lieux[v]["coordonnees"]["longitude"], v)
                      for v, segs in sorted(self.facts.active_venues.items()) if segment in segs]
            out[segment] = PointIndex(points)
        return out

    @cached_property
    def venues_per_commune(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for v in self.facts.active_venues:
            code = self.facts.directory.lieux[v]["code_insee"]
            out[code] = out.get(code, 0) + 1
        return out

    def epci_name(self, code: str | None) -> str:
        names = self.facts.memo.setdefault("epci_names", {})
        if code not in names:
            e = geography.epci(code) if code else None
            names[code] = e.nom if e else ""
        return names[code]

    @cached_property
    def by_commune(self) -> dict[str, CommuneCoverage]:
        out = {}
        for code in sorted(self.communes):
            c = geography.commune(code)
            nearest = {}
            for segment, index in self.indexes.items():
                found = index.nearest(c.latitude, c.longitude) if c.latitude is not None else None
                nearest[segment] = (round(found[0], 1), found[1]) if found else None
            out[code] = CommuneCoverage(c, self.venues_per_commune.get(code, 0), nearest)
        return out


def _summary(items: list[CommuneCoverage]) -> dict:
    population = lambda xs: sum(x.commune.population or 0 for x in xs)
    without = [x for x in items if not x.venues]
    row = {"communes": len(items), "communes_avec_lieu": len(items) - len(without), "population": population(items),
           "population_sans_lieu": population(without)}
    for segment in TARGETS:
        far = [x for x in items if x.nearest[segment] is None or x.nearest[segment][0] >= FAR_KM]
        row[f"population_loin_{segment}"] = population(far)
    return row


def _columns(first: Column) -> list[Column]:
    return [first, Column("communes", "Communes"), Column("communes_avec_lieu", "Communes avec un lieu"),
            Column("population", "Population"), Column("population_sans_lieu", "Population sans lieu dans sa commune"),
            *[Column(f"population_loin_{s}", f"Population à {FAR_KM} km ou plus d'un {label}") for s, label in TARGETS.items()]]


def commune_table(cov: Coverage, scope: Scope) -> Table:
    """Every commune of the scope: the file behind all coverage figures."""
    d = cov.facts.directory
    rows = []
    for code in sorted(scope.communes, key=lambda c: (geography.commune(c).nom.casefold(), c)):
        x = cov.by_commune[code]
        row = {"code": code, "commune": x.commune.nom, "epci": cov.epci_name(x.commune.epci), "population": x.commune.population or 0,
               "lieux": x.venues}
        for segment in TARGETS:
            found = x.nearest[segment]
            row[f"distance_{segment}"] = found[0] if found else None
            row[f"lieu_{segment}"] = f"{d.lieux[found[1]]['nom']} ({d.lieux[found[1]]['commune']})" if found else ""
        rows.append(row)
    columns = [Column("code", "Code INSEE", numeric=False), Column("commune", "Commune", numeric=False),
               Column("epci", "Intercommunalité", numeric=False), Column("population", "Population"),
               Column("lieux", "Lieux avec une offre en cours")]
    for segment, label in TARGETS.items():
        columns += [Column(f"distance_{segment}", f"Distance à l'{label} le plus proche" if segment == "acces-libre"
                           else f"Distance à la {label} la plus proche", summed=False, unit="km"),
                    Column(f"lieu_{segment}", "Lieu le plus proche" + (" (accès libre)" if segment == "acces-libre" else " (formation)"), numeric=False)]
    return Table("communes", "Chaque commune : population, lieux, distance aux offres les plus proches", columns, rows)


def _bands(items: list[CommuneCoverage]) -> Table:
    rows = []
    for low, high, label in BANDS:
        row = {"distance": label}
        for segment in TARGETS:
            row[segment] = sum(x.commune.population or 0 for x in items if x.nearest[segment] is not None
                               and x.nearest[segment][0] >= low and (high is None or x.nearest[segment][0] < high))
        rows.append(row)
    none = {"distance": "aucun lieu", **{s: sum(x.commune.population or 0 for x in items if x.nearest[s] is None) for s in TARGETS}}
    if any(none[s] for s in TARGETS):
        rows.append(none)
    columns = [Column("distance", "Distance du centre de la commune", numeric=False)]
    columns += [Column(s, f"Habitants ({label} le plus proche)" if s == "acces-libre" else f"Habitants ({label} la plus proche)") for s, label in TARGETS.items()]
    chart = {"kind": "bars", "labels": [r["distance"] for r in rows], "series": [(label.capitalize(), [r[s] for r in rows]) for s, label in TARGETS.items()],
             "unit": "habitants"}
    text = "; ".join(f"{r['distance']} : " + ", ".join(f"{r[s]} habitants pour l'{l}" if s == "acces-libre" else f"{r[s]} pour la {l}"
                                                       for s, l in TARGETS.items()) for r in rows)
    return Table("distances", "Habitants selon la distance entre le centre de leur commune et l'offre la plus proche", columns, rows,
                 chart=chart, description=f"Population par tranche de distance. {text}.")


def figure(cov: Coverage, scope: Scope, subs: list[Scope]) -> Figure:
    items = [cov.by_commune[c] for c in sorted(scope.communes)]
    whole = _summary(items)
    tables = [_bands(items)]
    communes = commune_table(cov, scope)
    downloads = []
    if scope.kind == "epci" or not subs:
        tables.append(communes)
        without = [x for x in items if not x.venues]
        lists = [f"{x.commune.nom} ({x.commune.population or 0} habitants)" for x in sorted(without, key=lambda x: x.commune.nom.casefold())]
    else:
        rows = []
        for sub in subs:
            part = [cov.by_commune[c] for c in sorted(sub.communes & scope.communes)]
            rows.append({"territoire": sub.nom, **_summary(part)})
        label = "Intercommunalité" if subs[0].kind == "epci" else "Territoire"
        tables.append(Table("couverture", f"Couverture par {label.lower()}", _columns(Column("territoire", label, numeric=False)), rows))
        empty = [r for r in rows if not r["communes_avec_lieu"]]
        lists = [f"{r['territoire']} ({r['population']} habitants)" for r in empty]
        downloads.append(communes)
    key = [(f"{whole['communes_avec_lieu']} / {whole['communes']}", "communes ont un lieu avec une offre en cours"),
           (_thousands(whole["population_sans_lieu"]), "habitants vivent dans une commune sans lieu"),
           (_thousands(whole["population_loin_acces-libre"]), f"habitants à {FAR_KM} km ou plus d'un accès libre"),
           (_thousands(whole["population_loin_formation"]), f"habitants à {FAR_KM} km ou plus d'une formation")]
    what = "Communes sans lieu" if scope.kind == "epci" or not subs else "Intercommunalités sans aucun lieu"
    return Figure("couverture", "Couverture du territoire",
                  "Où il n'y a pas de lieu, combien de personnes y vivent (populations légales de l'INSEE), et à quelle distance, "
                  "à vol d'oiseau depuis le centre de chaque commune, se trouvent l'accès libre et la formation les plus proches, "
                  "même hors du territoire.",
                  tables, key_figures=key, downloads=downloads, notes=[f"{what} : " + (", ".join(lists) if lists else "aucune") + "."])


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")
