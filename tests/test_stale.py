"""What needs checking: `annuaire stale`, its Markdown for the nightly issue, and the « À vérifier » page."""
import datetime as dt
import json

import pytest

from generator.directory import load_directory
from generator.review.stale import cutoff, months_before, stale
from generator.site.context import Site
from generator.site.pages import a_verifier
from helpers import ROOT, cli, run_cli


@pytest.fixture(scope="module")
def later():
    return load_directory(ROOT / "offers", dt.date(2027, 6, 30))[0]


def test_months_are_calendar_months():
    assert months_before(dt.date(2027, 3, 31), 1) == dt.date(2027, 2, 28)
    assert months_before(dt.date(2027, 1, 15), 2) == dt.date(2026, 11, 15)
    assert months_before(dt.date(2028, 3, 31), 1) == dt.date(2028, 2, 29)
    assert cutoff(dt.date(2027, 1, 1), None) == dt.date(2027, 1, 1) - dt.timedelta(days=184)


def test_stale_lists_per_structure_with_maintainers(later):
    found = stale(later)
    assert [s.id for s in found] == sorted((s.id for s in found), key=lambda sid: later.structures[sid]["nom"].casefold())
    every = {i.uid for s in found for i in s.items}
    expected = {uid for uid, o in later.offres.items() if (later.today - dt.date.fromisoformat(o["date_maj"])).days > 183}
    expected |= {sid for sid, s in later.structures.items() if (later.today - dt.date.fromisoformat(s["date_maj"])).days > 183}
    assert every == expected and expected
    defis = next(s for s in found if s.id == "defis")
    assert defis.maintainers == ("defis-lanester",)
    assert [i.checked for i in defis.items if i.kind == "offre"] == sorted(i.checked for i in defis.items if i.kind == "offre")
    # With a shorter delay, more to check; with a longer one, less.
    assert sum(len(s.items) for s in stale(later, 1)) >= len(every) >= sum(len(s.items) for s in stale(later, 12))


def test_stale_command_formats(monkeypatch):
    monkeypatch.setenv("ANNUAIRE_DATE", "2027-06-30")
    text = cli("stale", "offers", "--mois", "6")
    assert text.returncode == 0 and "Association Défis (defis) — @defis-lanester" in text.stdout
    assert "offers/defis/offres/" in text.stdout and "à vérifier dans 3 structures" in text.stdout
    md = cli("stale", "--format", "markdown").stdout
    assert md.startswith("<!-- annuaire-a-verifier -->\n## Fiches à vérifier au 30 juin 2027")
    assert "Mainteneurs : @defis-lanester" in md and "- [ ] Offre **" in md
    data = json.loads(cli("stale", "--format", "json", "--mois", "3").stdout)
    assert data["months"] == 3 and {s["id"] for s in data["structures"]} == {"defis", "cyberbase-morlaix", "lamballe-terre-et-mer"}
    monkeypatch.setenv("ANNUAIRE_DATE", "2026-09-01")
    assert "Rien à vérifier" in cli("stale", "--mois", "24").stdout
    bad = run_cli("stale", "--mois", "douze")
    assert bad.returncode == 2 and "nombre de mois attendu" in bad.stderr


def test_the_a_verifier_page_lists_what_stale_lists(later):
    [spec] = a_verifier.pages(Site(later))
    assert spec.src_uri == "a-verifier/index.md" and spec.template == "annuaire/a-verifier.html"
    listed = {f["url"] for s in spec.context["structures"] for f in s["fiches"]}
    assert listed == {(f"offres/{i.uid}/" if i.kind == "offre" else f"structures/{i.uid}/") for s in stale(later) for i in s.items}
    assert spec.context["total"] == len(listed)
