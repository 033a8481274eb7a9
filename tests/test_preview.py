"""The fast preview: reading only changed folders gives the same directory as a full load, and the
pages it updates are byte for byte those of a full build of the edited tree."""
import re
import shutil
from pathlib import Path

import pytest

from generator.directory import load_directory
from generator.preview.loader import IncrementalLoader
from generator.preview.server import Preview
from helpers import ROOT, edit

TODAY = "2026-11-30"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setenv("ANNUAIRE_DATE", TODAY)


def same(a, b):
    return (a.summary == b.summary and dict(a.offres) == dict(b.offres) and dict(a.lieux) == dict(b.lieux)
            and {k: v.data for k, v in a.structures.items()} == {k: v.data for k, v in b.structures.items()})


def test_incremental_loading_equals_a_full_load(tmp_path):
    offers = tmp_path / "offers"
    shutil.copytree(ROOT / "offers", offers)
    loader = IncrementalLoader(offers)
    first, _ = loader.load()
    assert loader.last.everything and same(first, load_directory(offers)[0])
    _, report = loader.load()
    assert loader.last.structures == set()
    edit(offers / "defis/offres/acces-libre.yml", "  type: adhesion", "  type: gratuit")
    edit(offers / "cyberbase-morlaix/lieux.yml", "    nom: ", "    nom: Nouveau ")
    (offers / "lamballe-terre-et-mer/offres/animation-minecraft.yml").unlink()
    directory, report = loader.load()
    assert loader.last.structures == {"defis", "cyberbase-morlaix", "lamballe-terre-et-mer"}
    full, full_report = load_directory(offers)
    assert same(directory, full) and report.sorted() == full_report.sorted()
    # An error is found as the full load finds it.
    edit(offers / "defis/offres/acces-libre.yml", "segment: acces-libre", "segment: inconnu")
    _, report = loader.load()
    assert loader.last.structures == {"defis"} and report.errors == load_directory(offers)[1].errors == 1


def test_one_structure_brings_the_structures_whose_venues_it_uses(tmp_path):
    offers = tmp_path / "offers"
    shutil.copytree(ROOT / "offers", offers)
    edit(offers / "defis/offres/acces-libre.yml", "  - locaux-defis", "  - locaux-defis\n  - cyberbase-morlaix/espace-multiservices")
    directory, report = IncrementalLoader(offers, only={"defis"}).load()
    assert set(directory.structures) == {"defis", "cyberbase-morlaix"} and not report.errors


@pytest.fixture
def project(tmp_path):
    for name in ("offers", "docs", "site_overrides"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("captures"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_updated_pages_are_those_of_a_full_build(project, monkeypatch):
    monkeypatch.chdir(project)
    messages = []
    preview = Preview("mkdocs.yml", "127.0.0.1:8431", say=messages.append)
    fresh = None
    try:
        preview.full_build()
        before = files_of(Path(preview.site_dir))
        written_at = {p.relative_to(preview.site_dir).as_posix(): p.stat().st_mtime_ns for p in Path(preview.site_dir).rglob("*.html")}
        edit(project / "offers/defis/offres/acces-libre.yml", "nom: Accès libre à la salle informatique de Défis",
             "nom: Salle informatique de Défis en accès libre")
        edit(project / "offers/defis/offres/numerique-au-quotidien.yml", "segment: formation", "segment: atelier")
        (project / "offers/lamballe-terre-et-mer/offres/animation-minecraft.yml").unlink()
        shutil.copy(project / "offers/defis/offres/pret-ordinateurs.yml", project / "offers/defis/offres/pret-tablettes.yml")
        preview.update()
        assert messages and "page(s) mise(s) à jour" in messages[-1]
        preview.wait()  # lists, search index and open data follow in the background
        assert "données ouvertes à jour" in messages[-1]
        after = files_of(Path(preview.site_dir))
        rewritten = {k for k, t in written_at.items() if (Path(preview.site_dir) / k).is_file()
                     and (Path(preview.site_dir) / k).stat().st_mtime_ns != t}
        fresh = Preview("mkdocs.yml", "127.0.0.1:8431", say=messages.append)
        fresh.full_build()
        expected = files_of(Path(fresh.site_dir))
    finally:
        preview.close()
        if fresh:
            fresh.close()
    # The sitemap lists every page: the preview leaves it as it was (nobody reads it while editing).
    differing = sorted(k for k in set(after) | set(expected) if after.get(k) != expected.get(k) and k != "sitemap.xml")
    assert differing == [] or differing == ["sitemap.xml.gz"], differing
    assert "offres/lamballe-terre-et-mer/animation-minecraft/index.html" not in after
    assert "offres/defis/pret-tablettes/fiche/index.html" in after
    changed = sorted(k for k in after if before.get(k) != after[k])
    untouched = [k for k in after if k.startswith("offres/cyberbase-morlaix/") and k in before and before[k] == after[k]]
    assert "offres/defis/acces-libre/index.html" in changed and "segments/atelier/index.html" in changed
    assert untouched, "les pages d'une autre structure n'avaient pas à changer"
    # Only what the edit changes is written again: no page of the structure nobody edited, a small share of the site.
    assert not {k for k in rewritten if k.startswith(("offres/cyberbase-morlaix/", "lieux/cyberbase-morlaix/"))}
    assert "offres/defis/acces-libre/index.html" in rewritten and len(rewritten) < len(written_at) / 3, len(rewritten)


def _internal_links(html: str, page: Path, site: Path) -> set[Path]:
    """The files that the page's relative links lead to (pages, the open data), without query nor anchor."""
    out = set()
    for href in re.findall(r'href="([^"#?]*)[^"]*"', html):
        if not href or re.match(r"[a-z]+:", href) or href.startswith("/"):
            continue
        target = (page.parent / href).resolve()
        out.add(target / "index.html" if href.endswith("/") or target.is_dir() else target)
    return {p for p in out if site.resolve() in p.parents}


def test_one_structure_preview_has_its_pages_and_everything_they_link_to(project, monkeypatch):
    """`annuaire serve --structure defis`: only that structure's records, and no link of theirs leads nowhere."""
    monkeypatch.chdir(project)
    preview = Preview("mkdocs.yml", "127.0.0.1:8433", "defis", say=lambda _: None)
    try:
        preview.full_build()
        site = Path(preview.site_dir)
        assert {p.parent.parent.name for p in site.glob("offres/*/*/index.html")} == {"defis"}
        assert {p.parent.name for p in site.glob("structures/*/index.html")} == {"defis"}
        pages = [site / "structures/defis/index.html", *site.glob("offres/defis/*/index.html"), *site.glob("lieux/defis/*/index.html")]
        assert len(pages) > 3
        checked = set()
        for page in pages:
            links = _internal_links(page.read_text(encoding="utf-8"), page, site)
            missing = sorted(str(p.relative_to(site.resolve())) for p in links if not p.is_file())
            assert missing == [], (page.relative_to(site), missing)
            checked |= links
        # Venues, themes, publics, the structure list, the footer's pages…: what the pages link to is there.
        tops = {p.relative_to(site.resolve()).parts[0] for p in checked}
        assert tops >= {"lieux", "thematiques", "publics", "structures", "mentions-legales"}, sorted(tops)
        # An edit of that structure updates its page.
        edit(project / "offers/defis/offres/acces-libre.yml", "nom: Accès libre à la salle informatique de Défis",
             "nom: Salle informatique de Défis en accès libre")
        preview.update()
        preview.wait()
        assert "Salle informatique de Défis en accès libre" in (site / "offres/defis/acces-libre/index.html").read_text(encoding="utf-8")
    finally:
        preview.close()
