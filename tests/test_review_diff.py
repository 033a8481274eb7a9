"""`annuaire diff` on a temporary Git repository made from the sample: what a reviewer reads."""
import json

import pytest

from helpers import cli, edit, git, sample_repo

VENUE = """  - id: mediatheque-test
    nom: Médiathèque François Mitterrand
    type: bibliotheque
    adresse: 3 rue de la Poste
    code_postal: "56600"
    commune: Lanester
    code_insee: "56098"
    coordonnees:
      latitude: 47.7601
      longitude: -3.3401
    accessibilite:
      pmr: true
"""


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setenv("ANNUAIRE_DATE", "2026-11-30")


@pytest.fixture
def repo(tmp_path):
    return sample_repo(tmp_path / "depot")


def commit(repo, message="Changement"):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def diff(repo, *args):
    proc = cli("diff", *args, cwd=repo)
    assert "Traceback" not in proc.stderr + proc.stdout
    return proc


def item_block(text: str, title: str) -> str:
    """The lines of one item (its bullet and its sub-bullets)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("- ") and title in line)
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("  ")), len(lines))
    return "\n".join(lines[start:end])


def test_the_four_changes_of_a_pull_request_in_plain_french(repo):
    base = git(repo, "rev-parse", "HEAD").strip()
    edit(repo / "offers/defis/offres/acces-libre.yml", "horaires: Mo 14:00-17:30; Tu-Fr 09:30-12:00,14:00-17:30; PH off",
         "horaires: Mo-Sa 09:30-12:00; PH off")
    edit(repo / "offers/defis/offres/numerique-au-quotidien.yml", """      - date: "2027-01-12"
        debut: "09:00"
        fin: "12:30"
        theme: L'ordinateur, la souris et le clavier
""", "")
    with open(repo / "offers/defis/lieux.yml", "a", encoding="utf-8") as fh:
        fh.write(VENUE)
    (repo / "offers/defis/offres/pret-ordinateurs.yml").unlink()
    commit(repo)
    proc = diff(repo, base)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("<!-- annuaire-diff -->\n")
    assert "1 lieu ajouté, 1 offre supprimée, 2 offres modifiées." in out
    assert item_block(out, "Accès libre à la salle informatique de Défis") == (
        "- Offre modifiée : **Accès libre à la salle informatique de Défis** (`defis/acces-libre`)\n"
        "  - Horaires (offre spontanée) : lun. 14 h–17 h 30 ; mar.–ven. 9 h 30–12 h, 14 h–17 h 30 ; fermé les jours fériés"
        " → lun.–sam. 9 h 30–12 h ; fermé les jours fériés")
    assert item_block(out, "Numérique au quotidien") == (
        "- Offre modifiée : **Numérique au quotidien** (`defis/numerique-au-quotidien`)\n"
        "  - Séance du mardi 12 janvier 2027 (9 h–12 h 30) supprimée")
    assert ("- Lieu ajouté : **Médiathèque François Mitterrand** (`defis/mediatheque-test`) — 3 rue de la Poste, 56600 Lanester"
            in out.splitlines())
    assert "- Offre supprimée : **Prêt d'ordinateurs** (`defis/pret-ordinateurs`) — Matériel" in out.splitlines()
    assert "### Association Défis (`defis`)" in out
    # Nothing else changed for a reader.
    assert out.count("\n- ") == 4


def test_codes_are_shown_as_their_labels_and_sessions_as_dates(repo):
    path = repo / "offers/defis/offres/numerique-au-quotidien.yml"
    edit(path, "segment: formation", "segment: atelier")
    edit(path, "  - internet-courriel\n", "")
    edit(path, "    places: 8\n", "    places: 10\n")
    edit(path, """      - date: "2027-03-23"
        debut: "09:00"
        fin: "12:00\"""", """      - date: "2027-03-23"
        debut: "09:30"
        fin: "12:00\"""")
    edit(path, "  type: gratuit", "  type: payant")
    commit(repo)
    out = diff(repo, "HEAD~1").stdout
    block = item_block(out, "Numérique au quotidien")
    assert "  - Segment d'offre : « Formation » → « Atelier »" in block
    assert "  - Thématiques : retiré « Internet et courriel »" in block
    assert "  - Session du 12 janvier 2027 au 26 janvier 2027 › Places : 10 → 10" not in block
    assert "Places : 8 → 10" in block and "Session du 12 janvier 2027 au 26 janvier 2027 › Places : 8 → 10" in block
    assert "  - Séance du mardi 23 mars 2027 : 9 h–12 h → 9 h 30–12 h" in block
    assert "  - Frais › Frais : « Gratuit » → « Payant »" in block
    assert "formation" not in block.replace("Formation", "")  # no raw code shown


def test_renamed_added_and_removed_structures(repo, tmp_path):
    git(repo, "mv", "offers/defis/offres/pret-ordinateurs.yml", "offers/defis/offres/pret-de-materiel.yml")
    commit(repo, "Renommage")
    out = diff(repo, "HEAD~1").stdout
    assert ("- Offre renommée : **Prêt d'ordinateurs** (`defis/pret-de-materiel`), identifiant `defis/pret-ordinateurs` → "
            "`defis/pret-de-materiel`") in out
    assert "supprimée" not in out and "ajoutée" not in out
    # A whole structure deleted, then one created with `annuaire new`.
    git(repo, "rm", "-q", "-r", "offers/cyberbase-morlaix")
    commit(repo, "Suppression")
    out = diff(repo, "HEAD~1").stdout
    assert "1 structure supprimée, 2 lieux supprimés, 12 offres supprimées." in out
    assert "- Structure supprimée : **Cyberbase de Morlaix** (`cyberbase-morlaix`) — Service intercommunal" in out.splitlines()
    assert "- Offre supprimée : **Impôts en ligne** (`cyberbase-morlaix/atelier-impots-en-ligne`) — Atelier" in out.splitlines()
    assert out.count("\n- ") == 1 + 2 + 12
    from helpers import complete_scaffold

    assert cli("new", "essai", cwd=repo).returncode == 0
    complete_scaffold(repo / "offers/essai")
    commit(repo, "Nouvelle structure")
    out = diff(repo, "HEAD~1").stdout
    assert "1 structure ajoutée, 1 lieu ajouté, 1 offre ajoutée." in out
    assert "- Structure ajoutée : **Nouvelle structure** (`essai`) — Association" in out
    assert "- Offre ajoutée : **Accès libre accompagné** (`essai/acces-libre`) — Accès libre" in out


def test_a_renamed_venue_does_not_show_as_a_change_of_the_offers_held_there(repo):
    # The venue's id changes, and every reference to it (offers' venues, sessions, séances) follows.
    for path in (repo / "offers/defis").rglob("*.yml"):
        path.write_text(path.read_text(encoding="utf-8").replace("locaux-defis", "salle-defis"), encoding="utf-8")
    edit(repo / "offers/defis/offres/acces-libre.yml", "  type: adhesion", "  type: gratuit")
    commit(repo)
    out = diff(repo, "HEAD~1").stdout
    assert "1 lieu renommé, 1 offre modifiée." in out
    assert ("- Lieu renommé : **Locaux de Défis** (`defis/salle-defis`), identifiant `defis/locaux-defis` → "
            "`defis/salle-defis`") in out
    assert item_block(out, "Accès libre à la salle informatique de Défis").splitlines()[1:] == ["  - Frais › Frais : « Adhésion » → « Gratuit »"]
    assert "Lieux" not in out and "locaux-defis` → `salle-defis`" not in out.replace("`defis/locaux-defis` → `defis/salle-defis`", "")


def test_an_invalid_side_is_said_not_mistaken_for_a_deletion(repo):
    edit(repo / "offers/defis/offres/acces-libre.yml", "segment: acces-libre", "segment: [acces-libre")
    edit(repo / "offers/defis/offres/numerique-au-quotidien.yml", "nombre_seances: 3", "nombre_seances: 2")
    commit(repo)
    proc = diff(repo, "HEAD~1")
    assert proc.returncode == 0
    out = proc.stdout
    assert "**Attention : la version HEAD contient 1 erreur**" in out
    assert "`offers/defis/offres/acces-libre.yml:" in out
    assert ("- Offre **Accès libre à la salle informatique de Défis** (`defis/acces-libre`) : le fichier "
            "`offers/defis/offres/acces-libre.yml` est invalide dans la version proposée") in out
    assert "supprimée" not in out
    assert "Nombre de séances : 3 → 2" in out
    # The other way round: the invalid file becomes valid again.
    edit(repo / "offers/defis/offres/acces-libre.yml", "segment: [acces-libre", "segment: acces-libre")
    commit(repo)
    out = diff(repo, "HEAD~1").stdout
    assert "Attention : la version HEAD\\~1 contient 1 erreur" in out
    assert ("- Offre ajoutée : **Accès libre à la salle informatique de Défis** (`defis/acces-libre`) — son fichier était "
            "invalide dans la version de départ") in out


def test_json_format_and_unknown_revision(repo):
    edit(repo / "offers/defis/offres/acces-libre.yml", "  - logiciels-libres\n", "")
    commit(repo)
    proc = diff(repo, "HEAD~1", "HEAD", "--format", "json")
    data = json.loads(proc.stdout)
    assert data["counts"]["offre"]["modification"] == 1
    [item] = data["items"]
    assert item["uid"] == "defis/acces-libre" and item["status"] == "modification"
    assert item["changes"][0]["field"] == "Thématiques" and "Logiciels libres" in item["changes"][0]["text"]
    proc = diff(repo, "inexistante")
    assert proc.returncode == 2 and "révision introuvable dans le dépôt : « inexistante »" in proc.stderr
    assert not proc.stdout


def test_no_change_and_working_tree(repo):
    assert "aucun changement pour les lecteurs de l'annuaire." in diff(repo, "HEAD").stdout
    edit(repo / "offers/defis/offres/acces-libre.yml", "  type: adhesion", "  type: gratuit")
    out = diff(repo, "HEAD", ".").stdout  # « . » : the files as they are on disk, before any commit
    assert "Frais" in out and "« Gratuit »" in out and "arbre de travail" in out


def test_text_from_yaml_cannot_format_mention_or_link(repo):
    edit(repo / "offers/defis/offres/acces-libre.yml", "nom: Accès libre à la salle informatique de Défis",
         "nom: \"Accès libre @equipe-annuaire #12 [clic](https://evil.example) <img src=x onerror=alert(1)> **gras**\"")
    commit(repo)
    out = diff(repo, "HEAD~1").stdout
    line = next(line for line in out.splitlines() if line.startswith("  - Nom de l'offre"))
    assert "@equipe" not in line and "@\u2060equipe-annuaire" in line
    assert "#12" not in line and "\\[clic\\]\\(https" in line
    assert "<img" not in line.replace("\\<img", "") and "\\<img" in line and "\\*\\*gras\\*\\*" in line
