"""« Observatoire » (`observatoire/`, `observatoire/departements/<code>/`, `observatoire/epci/<siren>/`):
the offer of a territory as a whole, each figure as an SVG chart beside its data table, each table
downloadable as CSV next to the page. The figures are computed by `generator.observatory`."""
from __future__ import annotations

from ...observatory.build import Territory, build
from ...observatory.portfolio import level
from ...observatory.table import Table
from .. import charts
from ..context import Site, by_name
from ..french import date_short
from .spec import PageSpec

KIND_TITLES = {"ensemble": "l'ensemble du territoire", "region": "la région", "departement": "le département", "epci": "l'intercommunalité"}
CHILD_TITLES = {"region": "Régions", "departement": "Départements", "epci": "Intercommunalités"}


def territories(site: Site) -> list[Territory]:
    return site.memo("observatoire", lambda: build(site.directory))


def cell_text(value) -> str:
    """French display: 1 234,5 (thousands apart from 10 000 on, as French typography wants)."""
    if value is None:
        return "—"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if -10000 < value < 10000 else f"{value:,}".replace(",", "\u202f")
    if isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
        return text.replace(",", "\u202f").replace(".", ",")
    return str(value)


def _table(t: Table, scope_url: str) -> dict:
    marks = t.id == "portefeuille"
    numeric = {c.key for c in t.columns if c.numeric}

    def cells(row, total=False):
        out = []
        for i, c in enumerate(t.columns):
            value = row.get(c.key)
            mark = level(value) if marks and not total and c.key != "total" and isinstance(value, int) and i else ""
            out.append({"text": cell_text(value) if value != "" else "", "mark": mark, "numeric": c.key in numeric and i > 0})
        return out

    total = t.total
    return {
        "id": t.id, "caption": t.caption, "csv": f"{scope_url}{t.id}.csv",
        "columns": [c.label + (f" ({c.unit})" if c.unit else "") for c in t.columns],
        "rows": [cells(r) for r in t.rows], "total": cells(total, total=True) if total else None,
        "svg": charts.render(f"graphique-{t.id}", t.caption, t.description, t.chart) if t.chart and t.rows else None,
    }


def _page(site: Site, territory: Territory) -> PageSpec:
    scope = territory.scope
    children = sorted(territory.children, key=lambda s: by_name(s.nom, s.code))
    figures = []
    for f in territory.figures:
        figures.append({"id": f.id, "titre": f.title, "description": f.description, "legende": f.legend, "notes": f.notes,
                        "chiffres": [{"valeur": v, "texte": t} for v, t in f.key_figures],
                        "tables": [_table(t, scope.url) for t in f.tables],
                        "telechargements": [{"caption": t.caption, "csv": f"{scope.url}{t.id}.csv", "lignes": len(t.rows)} for t in f.downloads]})
    ctx = {
        "nom": scope.nom, "genre": KIND_TITLES[scope.kind], "url": scope.url,
        "fil": [{"nom": s.nom if s.kind != "ensemble" else "Observatoire", "url": s.url} for s in scope.trail],
        "comptes": territory.counts, "date": date_short(site.today),
        "enfants": [{"nom": s.nom, "url": s.url} for s in children],
        "enfants_titre": CHILD_TITLES[children[0].kind] if children else None,
        "sommaire": [{"id": f["id"], "titre": f["titre"]} for f in figures],
        "figures": figures,
    }
    title = "Observatoire" if scope.kind == "ensemble" else f"Observatoire : {scope.nom}"
    description = (f"La médiation numérique sur {scope.nom} en chiffres et en graphiques : types d'offre, heures, couverture, "
                   f"publics, orientation, fraîcheur, activité.")
    return PageSpec(f"{scope.url}index.md", "annuaire/observatoire.html", title, ctx, description)


def pages(site: Site) -> list[PageSpec]:
    return [_page(site, t) for t in territories(site)]


def files(site: Site) -> dict[str, bytes]:
    out = {}
    for t in territories(site):
        for f in t.figures:
            for table in (*f.tables, *f.downloads):
                out[f"{t.scope.url}{table.id}.csv"] = table.csv()
    return out
