"""The observatory pages on the sample: every number of their tables against a count made again
from the YAML files (`recount`, which shares no code with `generator.observatory`), and every CSV
download against its table."""
import csv
import datetime as dt
import io
import re
from collections import defaultdict

import pytest

import recount
from generator import geography
from helpers import ROOT

REGION = "53"
LTM = "200069391"  # CA Lamballe Terre et Mer
EMPTY_EPCI = "243500139"  # Rennes Métropole: no venue in the sample


@pytest.fixture(scope="module")
def site(sample_site):
    return sample_site


@pytest.fixture(scope="module")
def sample(sample_day):
    return recount.load(ROOT / "offers", sample_day)


def scopes():
    dep = {c.code for c in geography.all_communes() if c.departement == "22"}
    return {"observatoire/": recount.region_communes(REGION), "observatoire/departements/22/": dep,
            f"observatoire/epci/{LTM}/": set(geography.epci(LTM).membres),
            f"observatoire/epci/{EMPTY_EPCI}/": set(geography.epci(EMPTY_EPCI).membres)}


def tables(site, url):
    return recount.page_tables((site / url / "index.html").read_text(encoding="utf-8"))


def by_label(table) -> dict:
    return {row[0]: [recount.number(c) for c in row[1:]] for row in table["rows"]}


def structure_name(sample, sid):
    return sample.structures[sid]["nom"]


@pytest.mark.parametrize("url", sorted(scopes()))
def test_portfolio_counts_running_offers_per_structure_and_family(site, sample, url):
    communes = scopes()[url]
    expected = defaultdict(lambda: [0] * len(recount.FAMILIES))
    for uid, o in sample.offres.items():
        if sample.in_scope(uid, communes):
            expected[structure_name(sample, uid.split("/")[0])][recount.FAMILIES.index(recount.FAMILY[o["segment"]])] += 1
    got = by_label(tables(site, url)["portefeuille"])
    assert {k: v[:-1] for k, v in got.items()} == dict(expected)
    assert all(v[-1] == sum(v[:-1]) for v in got.values())


@pytest.mark.parametrize("url", sorted(scopes()))
def test_weekly_hours_without_appointment(site, sample, url):
    communes = scopes()[url]
    monday = recount.usual_monday(sample.today)
    matrix = recount.week_matrix(recount.spontaneous_hours(sample, communes), monday)
    table = tables(site, url)["heures-sans-rendez-vous"]
    days = [recount.number(c) for c in table["total"][1:8]]
    assert days == [round(sum(m for (d, _), m in matrix.items() if d == day) / 60, 2) for day in range(7)]
    for row in table["rows"]:
        hour = int(row[0].split(" ")[0])
        assert [recount.number(c) for c in row[1:8]] == [round(matrix.get((d, hour), 0) / 60, 2) for d in range(7)], row


@pytest.mark.parametrize("url", sorted(scopes()))
def test_seance_hours_of_the_next_twelve_months(site, sample, url):
    matrix = recount.seance_matrix(sample, scopes()[url])
    table = tables(site, url)["heures-seances"]
    assert [recount.number(c) for c in table["total"][1:8]] == [round(sum(m for (d, _), m in matrix.items() if d == day) / 60, 2) for day in range(7)]
    html = (site / url / "index.html").read_text(encoding="utf-8")
    total = sum(matrix.values())
    evening = sum(m for (_, h), m in matrix.items() if h >= 18)
    saturday = sum(m for (d, _), m in matrix.items() if d == 5)
    if total:
        assert f"<strong>{round(100 * evening / total)} %</strong> des séances après 18 h" in html
        assert f"<strong>{round(100 * saturday / total)} %</strong> le samedi" in html


def test_weekly_hours_month_by_month_of_the_lamballe_network(site, sample):
    """The report's « 106 h in summer, 93 h the rest of the year », read on the EPCI's page."""
    rows = {r[0]: recount.number(r[2]) for r in tables(site, f"observatoire/epci/{LTM}/")["heures-par-mois"]["rows"]}
    values = recount.spontaneous_hours(sample, set(geography.epci(LTM).membres))
    for label, hours in rows.items():
        month_name, year = label.split(" ")
        month = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
                 "décembre"].index(month_name) + 1
        monday = recount.usual_monday(dt.date(int(year), month, 1) - dt.timedelta(days=1))
        assert hours == round(sum(recount.week_matrix(values, monday).values()) / 60, 2), label
    assert rows[f"juillet {sample.today.year + 1}"] == 106 and rows[f"octobre {sample.today.year + 1}"] == 93


def test_every_commune_of_the_region_with_its_distances(site, sample):
    rows = list(csv.DictReader(io.StringIO((site / "observatoire/communes.csv").read_text(encoding="utf-8-sig"))))
    communes = recount.region_communes(REGION)
    assert {r["Code INSEE"] for r in rows} == communes
    running = recount.venues_with(sample)
    free, training = recount.venues_with(sample, "acces-libre"), recount.venues_with(sample, "formation")
    for r in rows:
        c = geography.commune(r["Code INSEE"])
        assert int(r["Population"]) == c.population
        assert int(r["Lieux avec une offre en cours"]) == sum(sample.lieux[v]["code_insee"] == c.code for v in running)
        assert recount.number(r["Distance à l'accès libre le plus proche (km)"]) == recount.nearest_km(sample, c, free), r
        assert recount.number(r["Distance à la formation la plus proche (km)"]) == recount.nearest_km(sample, c, training), r


@pytest.mark.parametrize("url", ["observatoire/", "observatoire/departements/22/"])
def test_coverage_per_territory(site, sample, url):
    communes = scopes()[url]
    with_venue = {sample.lieux[v]["code_insee"] for v in recount.venues_with(sample)}
    free = recount.venues_with(sample, "acces-libre")
    table = by_label(tables(site, url)["couverture"])
    for name, values in table.items():
        if url == "observatoire/":
            part = {c for c in communes if geography.departement(geography.commune(c).departement).nom in name}
        else:
            part = {c for c in communes if geography.commune(c).epci and geography.epci(geography.commune(c).epci).nom == name}
        pop = lambda cs: sum(geography.commune(c).population for c in cs)
        far = {c for c in part if (recount.nearest_km(sample, geography.commune(c), free) or 1e9) >= 10}
        assert values[:5] == [len(part), len(part & with_venue), pop(part), pop(part - with_venue), pop(far)], name


def test_an_intercommunality_without_venue_is_listed_with_its_population(site):
    html = (site / "observatoire/departements/35/index.html").read_text(encoding="utf-8")
    e = geography.epci(EMPTY_EPCI)
    population = sum(geography.commune(c).population for c in e.membres)
    assert f"{e.nom} ({population} habitants)" in html.replace("&#39;", "'")


@pytest.mark.parametrize("url", sorted(scopes()))
def test_publics_by_family(site, sample, url):
    communes = scopes()[url]
    got = by_label(tables(site, url)["publics"])
    labels = {e["const"]: e["title"] for e in recount.referential("publics")}
    for code, label in labels.items():
        expected = [0] * len(recount.FAMILIES)
        for uid, o in sample.offres.items():
            if sample.in_scope(uid, communes) and code in o.get("publics", []):
                expected[recount.FAMILIES.index(recount.FAMILY[o["segment"]])] += 1
        assert got[label] == expected + [sum(expected)], label


@pytest.mark.parametrize("url", sorted(scopes()))
def test_referral_network(site, sample, url):
    communes = scopes()[url]
    types = {e["const"]: e["title"] for e in recount.referential("types-partenaires")}
    offers = defaultdict(lambda: defaultdict(int))
    people = defaultdict(int)
    for uid, o in sample.offres.items():
        if not sample.in_scope(uid, communes):
            continue
        sid = uid.split("/")[0]
        partners = {p["id"]: p["type"] for p in sample.structures[sid].get("partenaires", [])}
        for orient in o.get("orientation", []):
            offers[types[partners[orient["partenaire"]]]][structure_name(sample, sid)] += 1
        for e in o.get("activite", []):
            for item in e.get("orientations", []):
                people[types[partners[item["partenaire"]]]] += item["personnes"]
    table = tables(site, url)["orientation"]
    names = table["header"][1:-2]
    got = {row[0]: dict(zip(names + ["offres", "personnes"], (recount.number(c) for c in row[1:]))) for row in table["rows"]}
    assert set(got) == set(offers) | set(people)
    for kind, row in got.items():
        assert {n: v for n, v in row.items() if n in names and v} == dict(offers.get(kind, {}))
        assert row["offres"] == sum(offers.get(kind, {}).values()) and row["personnes"] == people.get(kind, 0)


@pytest.mark.parametrize("url", sorted(scopes()))
def test_freshness_per_structure(site, sample, url):
    communes = scopes()[url]
    expected = defaultdict(lambda: [0, 0, 0])
    for uid, o in sample.offres.items():
        if sample.in_scope(uid, communes, active=False):
            age = (sample.today - dt.date.fromisoformat(o["date_maj"])).days
            expected[structure_name(sample, uid.split("/")[0])][0 if age <= 183 else 1 if age <= 365 else 2] += 1
    got = {row[0]: [recount.number(c) for c in row[2:6]] for row in tables(site, url)["fraicheur"]["rows"]}
    assert {k: v[:3] for k, v in got.items() if v[3]} == dict(expected)


@pytest.mark.parametrize("url", ["observatoire/", f"observatoire/epci/{LTM}/"])
def test_activity_by_year_family_structure_and_public(site, sample, url):
    communes = scopes()[url]
    by_year = defaultdict(lambda: defaultdict(int))
    by_structure = defaultdict(lambda: defaultdict(float))
    by_public = defaultdict(int)
    for uid, o in sample.offres.items():
        if not sample.in_scope(uid, communes, active=False):
            continue
        for e in o.get("activite", []):
            by_year[str(e["annee"])][recount.FAMILY[o["segment"]]] += e.get("personnes", 0)
            for key in ("personnes", "passages", "seances", "heures"):
                by_structure[(structure_name(sample, uid.split("/")[0]), str(e["annee"]))][key] += e.get(key, 0)
            for p in e.get("personnes_par_public", []):
                by_public[p["public"]] += p["personnes"]
    t = tables(site, url)
    header = t["activite-segments"]["header"]
    labels = {e.get("x-famille", e["const"]): e.get("x-famille-titre", e["title"]) for e in recount.referential("segments")}
    for row in t["activite-segments"]["rows"]:
        values = dict(zip(header[1:], (recount.number(c) for c in row[1:])))
        assert values.pop("Total") == sum(by_year[row[0]].values())
        assert {k: v for k, v in values.items() if v} == {labels[f]: n for f, n in by_year[row[0]].items() if n}
        assert sum(values.values()) == sum(by_year[row[0]].values())
    for row in t["activite-structures"]["rows"]:
        expected = by_structure[(row[0], row[1])]
        assert [recount.number(c) for c in row[3:7]] == [expected[k] for k in ("personnes", "passages", "seances", "heures")], row
    if by_public:
        names = {e["const"]: e["title"] for e in recount.referential("publics")}
        assert {r[0]: recount.number(r[-1]) for r in t["activite-publics"]["rows"]} == {names[k]: v for k, v in by_public.items()}


def _csv_files(site):
    return sorted((site / "observatoire").rglob("*.csv"))


def test_every_csv_parses_and_matches_its_table(site):
    files = _csv_files(site)
    assert len(files) > 100
    checked_totals = 0
    pages = {}
    for path in files:
        text = path.read_bytes().decode("utf-8")
        assert text.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(text[1:])))
        header, data = rows[0], rows[1:]
        if path.parent not in pages:
            pages[path.parent] = recount.page_tables((path.parent / "index.html").read_text(encoding="utf-8"))
        table = pages[path.parent].get(path.stem)
        if table is None:  # a download only (the list of communes above an intercommunality)
            assert path.stem == "communes" and data
            continue
        assert header == table["header"], path
        assert [[recount.number(c) if recount_numeric(c) else c for c in r] for r in data] == \
               [[recount.number(c) if recount_numeric(c) else c for c in r] for r in table["rows"]], path
        if table["total"]:
            for j in range(1, len(header)):
                if table["total"][j]:
                    assert round(sum(recount.number(r[j]) or 0 for r in data), 2) == recount.number(table["total"][j]), (path, header[j])
                    checked_totals += 1
        if "Total" in header or any(h.startswith("Total (") for h in header):
            k = next(i for i, h in enumerate(header) if h == "Total" or h.startswith("Total ("))
            for r in data:
                assert round(sum(recount.number(c) or 0 for c in r[1:k] if recount_numeric(c)), 2) == recount.number(r[k]), (path, r)
    assert checked_totals > 500


def recount_numeric(text: str) -> bool:
    try:
        recount.number(text)
        return "-" not in text.strip("-") and ":" not in text
    except ValueError:
        return False


@pytest.mark.parametrize("url", sorted(scopes()))
def test_population_by_distance_band(site, sample, url):
    communes = scopes()[url]
    venues = {"acces-libre": recount.venues_with(sample, "acces-libre"), "formation": recount.venues_with(sample, "formation")}
    bands = [(0, 2), (2, 5), (5, 10), (10, 20), (20, None)]
    rows = tables(site, url)["distances"]["rows"]
    for k, (low, high) in enumerate(bands):
        for j, segment in enumerate(("acces-libre", "formation")):
            expected = 0
            for code in communes:
                c = geography.commune(code)
                d = recount.nearest_km(sample, c, venues[segment])
                if d is not None and d >= low and (high is None or d < high):
                    expected += c.population
            assert recount.number(rows[k][1 + j]) == expected, (url, rows[k][0], segment)


@pytest.mark.parametrize("url", sorted(scopes()))
def test_headline_counts(site, sample, url):
    communes = scopes()[url]
    html = (site / url / "index.html").read_text(encoding="utf-8")
    counters = html.split('<ul class="annuaire-compteurs">', 1)[1].split("</ul>", 1)[0]
    values = [recount.number(v) for v in re.findall(r"<strong>([^<]+)</strong>", counters)]
    offers = [u for u in sample.offres if sample.in_scope(u, communes, active=False)]
    venues = [v for v, lieu in sample.lieux.items() if lieu["code_insee"] in communes]
    structures = {u.split("/")[0] for u in offers} | {v.split("/")[0] for v in venues}
    running = sum(sample.active(u) for u in offers)
    assert values[:3] == [len(structures), len(venues), running]
    assert values[3:] == ([len(offers) - running] if len(offers) > running else [])
    # Coverage headline: communes with a venue out of all, people in communes without one.
    with_venue = {sample.lieux[v]["code_insee"] for v in recount.venues_with(sample)} & communes
    assert f"<strong>{len(with_venue)} / {len(communes)}</strong>" in html
    without = sum(geography.commune(c).population for c in communes - with_venue)
    assert f"<strong>{f'{without:,}'.replace(',', chr(0x202f))}</strong> habitants vivent dans une commune sans lieu" in html


def test_a_name_with_markup_reaches_charts_and_tables_as_text(tree, tmp_path):
    """A structure's name is a row of the territory's charts and tables: markup in it stays text there."""
    import yaml
    from markupsafe import escape

    from generator.site.build import build_site

    name = '<script>alert(1)</script> "Défis" & <img src=x onerror=alert(2)>'
    path = tree / "essai" / "structure.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["nom"] = name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = tmp_path / "site"
    build_site(tree, site, ROOT / "mkdocs.yml")
    pages = [p.read_text(encoding="utf-8") for p in (site / "observatoire" / "epci").glob("*/index.html")]
    shown = [page for page in pages if str(escape(name)) in page]
    assert shown, "le nom de la structure doit figurer sur la page de son intercommunalité"
    for page in shown:
        assert "<script>alert" not in page and "<img src=x" not in page
        # In a chart's drawing (row label, cut to fit) and in the table beside it.
        assert re.search(r'<text x="[\d.]+" y="[\d.]+">&lt;script&gt;', page)
        assert f'<th scope="row">{escape(name)}</th>' in page
