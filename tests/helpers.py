"""Shared test helpers (imported as `helpers`: a `conftest` module name is ambiguous across folders)."""
import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Unmodified copies of the official standards (Licence Ouverte 2.0), so that the tests run from any
# clone; test_standards_copy checks them against the team's shared/ copy when it is there.
STANDARDS = ROOT / "tests" / "standards"
SHARED_STANDARDS = ROOT.parent / "shared" / "standards"


def run_cli(*args, cwd=None, env=None):
    """Run the real CLI in a subprocess, as a user would (exit codes, no traceback, real stdout)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd or ROOT, env=full_env,
                          capture_output=True, text=True, timeout=600)


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def cli(*args, cwd=None) -> Result:
    """The same command line, in this process: most tests need its output, not a new interpreter."""
    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return Result(code, out.getvalue(), err.getvalue())


def validate_json(path, cwd=None):
    proc = cli("validate", str(path), "--format", "json", cwd=cwd)
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


# What a volunteer writes in place of the placeholders of `annuaire new` (the values the tests break).
COMPLETED = {
    "structure.yml": {
        'nom: "À compléter : nom de la structure"': "nom: Nouvelle structure",
        'type: "À compléter : type de structure"': "type: association",
        "  À compléter : présentez la structure": "  Présentez la structure",
        'communes: ["À compléter : code INSEE"]': 'communes: ["29151"]',
        'courriel: "À compléter : adresse électronique"': "courriel: contact@essai.example.org",
        'telephone: "À compléter : numéro de téléphone"': 'telephone: "+33199000000"',
        'mainteneurs: ["À compléter : identifiant sur la forge"]': "mainteneurs: [essai]",
    },
    "lieux.yml": {
        'nom: "À compléter : nom du lieu"': "nom: Locaux de la structure",
        'type: "À compléter : type de lieu"': "type: locaux-propres",
        'adresse: "À compléter : numéro et rue"': "adresse: 1 rue de l'Exemple",
        'code_postal: "À compléter : code postal"': 'code_postal: "29600"',
        'commune: "À compléter : commune"': "commune: Morlaix",
        'code_insee: "À compléter : code INSEE"': 'code_insee: "29151"',
        'coordonnees: {latitude: "À compléter", longitude: "À compléter"}': "coordonnees: {latitude: 48.5777, longitude: -3.8279}",
        'pmr: "À compléter : true ou false"': "pmr: true",
        "horaires: \"À compléter : horaires d'ouverture\"": 'horaires: "Mo-Fr 09:00-12:00,14:00-17:00; PH off"',
    },
    "offres/acces-libre.yml": {
        "nom: \"À compléter : nom de l'offre\"": "nom: Accès libre accompagné",
        "resume: \"À compléter : une phrase qui dit à quoi sert l'offre\"":
            "resume: Venez utiliser un ordinateur connecté, avec un médiateur pour vous aider.",
        "segment: \"À compléter : segment d'offre\"": "segment: acces-libre",
        'configuration: "À compléter : programmee ou spontanee"': "configuration: spontanee",
        'thematiques: ["À compléter : thématique"]': "thematiques: [acces-internet, demarches-administratives]",
        'publics: ["À compléter : public"]': "publics: [tous-publics]",
        "horaires: \"À compléter : horaires de l'offre\"": 'horaires: "Tu,Th 14:00-17:00; PH off"',
        'obligatoire: "À compléter : true ou false"': "obligatoire: false",
        "modalites: [\"À compléter : modalité d'accès\"]": "modalites: [se-presenter]",
        'type: "À compléter : gratuit ou payant"': "type: gratuit",
    },
}


def complete_scaffold(folder: Path) -> Path:
    """Replace every placeholder of a folder made by `annuaire new`, as a volunteer would."""
    for name, replacements in COMPLETED.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        for old, new in replacements.items():
            assert old in text, (name, old)
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return folder


def git(repo, *args) -> str:
    """Run git in `repo` with a fixed identity and date (commits are reproducible)."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Essai", "GIT_AUTHOR_EMAIL": "essai@example.org", "GIT_COMMITTER_NAME": "Essai",
           "GIT_COMMITTER_EMAIL": "essai@example.org", "GIT_AUTHOR_DATE": "2026-11-30T12:00:00Z",
           "GIT_COMMITTER_DATE": "2026-11-30T12:00:00Z"}
    proc = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def sample_repo(dest: Path, extra=("equipe.yml",)) -> Path:
    """A Git repository holding a copy of the sample (offers/ and the team file), one commit on `main`."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "offers", dest / "offers")
    for name in extra:
        shutil.copy(ROOT / name, dest / name)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "Exemple")
    return dest


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def read_yaml(path: Path):
    """A written YAML file as data (what the importers wrote, read without our loader's checks)."""
    import yaml
    return yaml.safe_load(path.read_text(encoding="utf-8"))
