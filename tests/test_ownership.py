"""Ownership: CODEOWNERS follows the structures' `mainteneurs`, and `annuaire check-ownership` refuses a
change to a structure its author does not maintain, naming who does (temporary Git repository)."""
import pytest

from generator.review.ownership import Owners, codeowners, judge
from helpers import ROOT, cli, complete_scaffold, edit, git, sample_repo


@pytest.fixture
def repo(tmp_path):
    return sample_repo(tmp_path / "depot")


def branch(repo, name="proposition"):
    git(repo, "checkout", "-q", "-b", name)


def commit(repo, message="Changement"):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def check(repo, author):
    proc = cli("check-ownership", "--author", author, "--base", "main", cwd=repo)
    assert "Traceback" not in proc.stderr
    return proc


def test_codeowners_matches_the_structures(repo):
    proc = cli("codeowners", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    rules = [line.split() for line in (repo / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert rules[0] == ["*", "@equipe-annuaire"]
    expected = {"cyberbase-morlaix": "@cyberbase-morlaix", "defis": "@defis-lanester", "lamballe-terre-et-mer": "@ltmn-lamballe"}
    assert rules[1:] == [[f"/offers/{sid}/", who, "@equipe-annuaire"] for sid, who in sorted(expected.items())]
    assert {p.name for p in (repo / "offers").iterdir()} == set(expected)
    assert cli("codeowners", "--check", cwd=repo).returncode == 0
    # A new maintainer makes the file out of date until it is written again.
    edit(repo / "offers/defis/structure.yml", "  - defis-lanester\n", "  - defis-lanester\n  - nouvelle-benevole\n")
    proc = cli("codeowners", "--check", cwd=repo)
    assert proc.returncode == 1 and "Lancez « annuaire codeowners »" in proc.stderr
    cli("codeowners", cwd=repo)
    assert "/offers/defis/ @defis-lanester @nouvelle-benevole @equipe-annuaire" in (repo / ".github/CODEOWNERS").read_text()


def test_the_repository_codeowners_is_up_to_date():
    proc = cli("codeowners", "--check", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr


def test_editing_another_structure_fails_naming_its_maintainers(repo):
    branch(repo)
    edit(repo / "offers/cyberbase-morlaix/offres/atelier-impots-en-ligne.yml", "nom: Impôts en ligne", "nom: Impôts")
    edit(repo / "offers/defis/offres/acces-libre.yml", "  type: adhesion", "  type: gratuit")
    commit(repo)
    proc = check(repo, "defis-lanester")
    assert proc.returncode == 1
    assert ("@defis-lanester modifie la structure « cyberbase-morlaix » (offers/cyberbase-morlaix/offres/atelier-impots-en-ligne.yml), "
            "qui est tenue par @cyberbase-morlaix : seuls ses mainteneurs, ou l'équipe de l'annuaire (@equipe-annuaire), "
            "peuvent la modifier.") in proc.stderr
    assert "« defis »" not in proc.stderr  # its own structure is fine
    assert check(repo, "cyberbase-morlaix").returncode == 1  # and the other way round for defis
    assert check(repo, "equipe-annuaire").returncode == 0
    assert check(repo, "@Equipe-Annuaire").returncode == 0  # handles are case-insensitive on the forge


def test_own_structure_passes_and_github_annotations(repo):
    branch(repo)
    edit(repo / "offers/defis/offres/acces-libre.yml", "  type: adhesion", "  type: gratuit")
    commit(repo)
    proc = check(repo, "defis-lanester")
    assert proc.returncode == 0 and "structure(s) defis" in proc.stderr
    edit(repo / "equipe.yml", "equipe:", "equipe:\n  - defis-lanester")
    commit(repo)
    proc = cli("check-ownership", "--author", "defis-lanester", "--base", "main", "--format", "github", cwd=repo)
    assert proc.returncode == 1
    assert proc.stdout.startswith("::error file=equipe.yml,title=propriete::@defis-lanester modifie des fichiers hors des dossiers")
    assert "(@equipe-annuaire)" in proc.stdout  # the base's team, not the one the change adds


def test_making_oneself_maintainer_in_passing_does_not_work(repo):
    branch(repo)
    edit(repo / "offers/lamballe-terre-et-mer/structure.yml", "  - ltmn-lamballe\n", "  - ltmn-lamballe\n  - intrus\n")
    commit(repo)
    proc = check(repo, "intrus")
    assert proc.returncode == 1 and "tenue par @ltmn-lamballe" in proc.stderr


def test_new_structure_and_regenerated_codeowners(repo):
    cli("codeowners", cwd=repo)
    commit(repo, "CODEOWNERS")
    branch(repo)
    assert cli("new", "essai", cwd=repo).returncode == 0
    complete_scaffold(repo / "offers/essai")  # mainteneurs: [essai]
    cli("codeowners", cwd=repo)
    commit(repo)
    assert check(repo, "essai").returncode == 0  # creates its structure and the CODEOWNERS line that follows
    proc = check(repo, "quelquun")
    assert proc.returncode == 1 and "crée la structure « essai »" in proc.stderr and "(@essai)" in proc.stderr
    # A hand-made CODEOWNERS line is the team's business.
    with open(repo / ".github/CODEOWNERS", "a", encoding="utf-8") as fh:
        fh.write("/offers/defis/ @essai\n")
    commit(repo)
    proc = check(repo, "essai")
    assert proc.returncode == 1 and ".github/CODEOWNERS" in proc.stderr


def test_judge_is_a_pure_function():
    base = Owners(("equipe",), {"a": ("alice",), "b": ("bob",)})
    assert judge("alice", ["offers/a/structure.yml"], base, base) == []
    [refusal] = judge("alice", ["offers/b/lieux.yml", "offers/a/lieux.yml"], base, base)
    assert refusal.structure == "b" and refusal.owners == ("bob",)
    [refusal] = judge("alice", ["README.md"], base, base)
    assert refusal.structure is None and refusal.owners == ("equipe",)
    text = codeowners(base)
    assert judge("alice", [".github/CODEOWNERS"], base, base, text, text) == []
    assert judge("alice", [".github/CODEOWNERS"], base, base, text, text + "x")
