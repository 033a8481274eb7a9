"""« Et après ? » (`suites`): the offers to propose next are validated like every reference, at their line."""
import shutil

import pytest

from generator.directory import load_directory
from helpers import ROOT

VISA = "cyberbase-morlaix/offres/visa-internet-bretagne.yml"


@pytest.fixture
def tree(tmp_path):
    for sid in ("cyberbase-morlaix", "defis"):
        shutil.copytree(ROOT / "offers" / sid, tmp_path / sid)
    return tmp_path


def _diagnostics(tree, old, new, file=VISA):
    path = tree / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = next(i for i, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if new.splitlines()[-1] in l)
    _, report = load_directory(tree)
    return [d for d in report.diagnostics if d.code.startswith("suite")], line


def test_sample_suites_name_existing_offers(tree):
    directory, report = load_directory(tree)
    assert [d for d in report.diagnostics if d.code.startswith("suite")] == []
    visa = directory.offres["cyberbase-morlaix/visa-internet-bretagne"]
    assert visa.suites and all(u in directory.offres for u in visa.suites)


@pytest.mark.parametrize("new,code,words", [
    ("  - atelier-profil-competance", "suite-inconnue", "atelier-profil-competences"),
    ("  - visa-internet-bretagne", "suite-elle-meme", "elle-même"),
    ("  - defis/pret-ordinateur", "suite-inconnue", "structure/offre"),
])
def test_a_wrong_suite_is_reported_at_its_line(tree, new, code, words):
    found, line = _diagnostics(tree, "  - atelier-profil-competences", new)
    assert [(d.code, d.line) for d in found] == [(code, line)]
    assert words in found[0].message + found[0].hint
    assert found[0].severity == "error"


def test_another_structures_offer_may_follow(tree):
    found, _ = _diagnostics(tree, "  - atelier-profil-competences", "  - defis/pret-ordinateurs")
    assert found == []


def test_a_finished_suite_is_a_warning(tree):
    path = tree / "defis/offres/pret-ordinateurs.yml"
    text = path.read_text(encoding="utf-8")
    assert "statut:" not in text
    path.write_text(text + "statut:\n  etat: terminee\n  motif: Plus de machines à prêter.\n", encoding="utf-8")
    found, line = _diagnostics(tree, "  - atelier-profil-competences", "  - defis/pret-ordinateurs")
    assert [(d.code, d.line, d.severity) for d in found] == [("suite-terminee", line, "warning")]
