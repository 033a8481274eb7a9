"""The site build: one page per item of the data, byte-identical rebuilds, invalid data refused."""
import datetime as dt
import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, run_cli

BUILD = "import sys; from generator.site.build import build_site; build_site(sys.argv[1], sys.argv[2], sys.argv[3])"


def latest_check(offers: Path) -> dt.date:
    from generator.directory import load_directory

    directory, _ = load_directory(offers, today=dt.date(9999, 1, 1))
    return max(dt.date.fromisoformat(x["date_maj"]) for x in (*directory.structures.values(), *directory.offres.values()))


def build_in_subprocess(offers: Path, out: Path, day: dt.date, hash_seed: str):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANNUAIRE_DATE": day.isoformat(), "PYTHONHASHSEED": hash_seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, "-c", BUILD, str(offers), str(out), str(ROOT / "mkdocs.yml")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    base = tmp_path_factory.mktemp("builds")
    day = latest_check(ROOT / "offers")
    sites = []
    for seed in ("1", "2"):
        out = base / f"site-{seed}"
        proc = build_in_subprocess(ROOT / "offers", out, day, seed)
        assert proc.returncode == 0, proc.stderr
        sites.append(out)
    return sites, day


def test_every_item_has_its_page_and_no_other(two_builds):
    from generator.directory import load_directory

    (site, _), day = two_builds
    directory, _ = load_directory(ROOT / "offers", today=day)
    pages = lambda pattern: {p.parent.relative_to(site).as_posix().split("/", 1)[1] for p in site.glob(pattern)}
    assert pages("offres/*/*/index.html") == set(directory.offres)
    assert pages("lieux/*/*/index.html") == set(directory.lieux)
    assert pages("structures/*/index.html") == set(directory.structures)
    for uid, offre in directory.offres.items():
        html = (site / "offres" / uid / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{_escape(offre['nom'])}</h1>" in html


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_two_builds_are_byte_identical(two_builds):
    (a, b), _ = two_builds
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    assert "sitemap.xml.gz" in files_a
    _, mismatch, errors = filecmp.cmpfiles(a, b, files_a, shallow=False)
    assert mismatch == [] and errors == []


def test_generated_pages_stay_out_of_the_navigation(two_builds):
    (site, _), _ = two_builds
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "offres/" not in home.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]


def _break_offer(tree: Path) -> None:
    offer = next((tree / "essai" / "offres").glob("*.yml"))
    data = yaml.safe_load(offer.read_text(encoding="utf-8"))
    data["segment"] = "atelierr"
    offer.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_invalid_data_stops_the_build_with_the_validator_text(tree, tmp_path, monkeypatch):
    from mkdocs.exceptions import PluginError

    from generator.site.build import build_site

    _break_offer(tree)
    monkeypatch.chdir(tmp_path)  # diagnostics name files relative to the working directory
    validate = run_cli("validate", str(tree), cwd=tmp_path)
    assert validate.returncode == 1 and "erreur" in validate.stdout
    with pytest.raises(PluginError) as exc:
        build_site(tree, tmp_path / "site", ROOT / "mkdocs.yml")
    assert str(exc.value).strip() == validate.stdout.strip()
    assert not (tmp_path / "site" / "offres").exists()


def test_cli_build_reports_invalid_data_in_french(tree, tmp_path):
    _break_offer(tree)
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({
        "INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(ROOT / "docs"), "site_dir": str(tmp_path / "site"),
        "theme": {"name": "material", "custom_dir": str(ROOT / "site_overrides")},
        "plugins": [{"annuaire": {"offers": str(tree)}}]}), encoding="utf-8")
    proc = run_cli("build", "--config", str(config), cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "atelierr" in proc.stderr and "Le site n'a pas été construit" in proc.stderr
    missing = run_cli("build", "--config", str(tmp_path / "absent.yml"), cwd=tmp_path)
    assert missing.returncode == 1 and "introuvable" in missing.stderr and "Traceback" not in missing.stderr


def _offer_links(html_file: Path) -> set[str]:
    import re

    return {"/".join(m.split("/")[-3:-1]) for m in re.findall(r'href="([^"]*offres/[a-z0-9-]+/[a-z0-9-]+/)"',
                                                           html_file.read_text(encoding="utf-8"))}


def test_every_offer_is_reachable_from_each_list_without_javascript(two_builds):
    from generator.directory import load_directory

    (site, _), day = two_builds
    directory, _ = load_directory(ROOT / "offers", today=day)
    everything = set(directory.offres)
    by_place = set().union(*(_offer_links(p) for p in site.glob("communes/*/index.html")), _offer_links(site / "territoires" / "index.html"))
    assert by_place == everything
    for folder in ("segments", "thematiques", "publics"):
        assert set().union(*(_offer_links(p) for p in site.glob(f"{folder}/*/index.html"))) == everything, folder
    for uid, structure in directory.structures.items():
        assert _offer_links(site / "structures" / uid / "index.html") == set(structure.offres)


def test_serve_watches_the_data_and_the_schemas(tmp_path):
    from generator.referentials import SCHEMA_DIR
    from generator.site.plugin import AnnuairePlugin

    class Server:
        def __init__(self):
            self.watched = []

        def watch(self, path):
            self.watched.append(path)

    plugin = AnnuairePlugin()
    errors, _ = plugin.load_config({"offers": str(tmp_path / "offers")}, str(tmp_path / "mkdocs.yml"))
    assert not errors
    server = Server()
    plugin.on_serve(server, None, None)
    assert server.watched == [str(tmp_path / "offers"), str(SCHEMA_DIR)]


def test_a_suspended_offer_never_looks_open(two_builds):
    from generator.directory import load_directory

    (site, _), day = two_builds
    directory, _ = load_directory(ROOT / "offers", today=day)
    suspended = [o for o in directory.offres.values() if (o.get("statut") or {}).get("etat", "active") != "active"]
    assert suspended, "les données d'exemple doivent contenir une offre suspendue"
    for offre in suspended:
        html = (site / "offres" / offre.uid / "index.html").read_text(encoding="utf-8")
        assert "data-creneaux" not in html and "annuaire-statut" in html
        if offre["statut"].get("motif"):
            assert _escape(offre["statut"]["motif"]) in html


def test_field_reference_is_generated_from_the_schemas(two_builds):
    from generator import referentials
    from generator.schemas import bundled

    (site, _), _ = two_builds
    html = (site / "reference" / "index.html").read_text(encoding="utf-8")
    for kind in ("structure", "lieux", "offre"):
        for key, prop in bundled(kind)["properties"].items():
            if key != "$schema":
                assert f"<code>{key}</code>" in html or f"<code>{key}[]" in html, (kind, key)
    for name in referentials.names():
        ref = referentials.get(name)
        assert f'id="ref-{name}"' in html
        for item in ref.items:
            assert f"<code>{item.code}</code>" in html and _escape(item.label) in html, (name, item.code)


def test_field_reference_lists_every_diagnostic_code(two_builds):
    from generator.diagnostics.catalogue import CODES

    (site, _), _ = two_builds
    html = (site / "reference" / "index.html").read_text(encoding="utf-8")
    table = html[html.index('id="messages"'):]
    for code in CODES:
        assert f"<code>{code.code}</code>" in table and _escape(code.title) in table, code.code


def test_home_page_counts_match_the_data(two_builds):
    import re

    from generator.directory import load_directory

    (site, _), day = two_builds
    directory, _ = load_directory(ROOT / "offers", today=day)
    html = (site / "index.html").read_text(encoding="utf-8")
    counts = dict((label, int(n)) for n, label in re.findall(r"<li><strong>(\d+)</strong> (\w+)</li>", html))
    assert counts == {"offres": len(directory.offres), "lieux": len(directory.lieux), "structures": len(directory.structures),
                      "communes": len({v["code_insee"] for v in directory.lieux.values()})}
    assert "Je cherche de l'aide" in html and "J'oriente une personne" in html


def test_open_data_page_links_every_export_and_links_resolve(two_builds):
    import csv
    import re as _re

    from generator.exports import FILES

    (site, _), _day = two_builds
    page = site / "donnees" / "index.html"
    html = page.read_text(encoding="utf-8")
    links = _re.findall(r'<a href="([^"#]+)"', html.split('class="annuaire-donnees"', 1)[1].split("</table>", 1)[0])
    targets = {(page.parent / link).resolve() for link in links}
    assert all(t.is_file() for t in targets), [t for t in targets if not t.is_file()]
    fixed = [name for name in FILES if "<" not in name]
    assert {(site / "donnees" / name).resolve() for name in fixed} <= targets
    assert len(links) == len(FILES)
    with open(site / "donnees" / "offres.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    offers = len(list((site / "offres").glob("*/*/index.html")))
    assert len(rows) == offers
    assert f"<td>{offers} offres</td>" in html


def test_exported_links_point_at_pages_of_the_built_site(two_builds):
    import json as _json

    (site, _), _day = two_builds
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    services = _json.loads((site / "donnees/data-inclusion/services.json").read_text(encoding="utf-8"))
    assert services
    for s in services:
        assert s["lien_source"].startswith(config["site_url"])
        assert (site / s["lien_source"][len(config["site_url"]):] / "index.html").is_file(), s["lien_source"]


def test_no_page_repeats_an_id(two_builds):
    """An id names one element (RGAA 8.2): a section and its table once shared « portefeuille », « publics »…,
    so a link to the section could land on the table and a label could name the wrong element."""
    from collections import Counter
    from html.parser import HTMLParser

    class Ids(HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids = Counter()

        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name == "id":
                    self.ids[value] += 1

    site = two_builds[0][0]
    repeated = {}
    for page in sorted(site.rglob("*.html")):
        parser = Ids()
        parser.feed(page.read_text())
        twice = sorted(i for i, n in parser.ids.items() if n > 1)
        if twice:
            repeated[str(page.relative_to(site))] = twice
    assert repeated == {}
