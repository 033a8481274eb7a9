"""A state of the repository to compare or judge: a Git commit, or the working tree (ref None).

Both give the same things — a file's bytes, the structures' maintainers, the loaded directory —
so that `annuaire diff` and `annuaire check-ownership` work on any two revisions alike."""
from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Report
from ..directory import load_directory
from ..model import Directory
from . import git
from .ownership import TEAM_FILE, Owners, maintainers_from, team_from


@dataclass
class Loaded:
    """A revision's directory, its diagnostics (paths relative to the repository) and its YAML files."""

    label: str
    directory: Directory
    report: Report
    files: frozenset[str]

    def broken(self) -> set[str]:
        """Files with at least one error: what they describe may be missing from `directory`."""
        return {d.file for d in self.report.diagnostics if d.severity == "error"}


class Revision:
    def __init__(self, repo: Path, ref: str | None):
        self.repo = Path(repo)
        self.ref = ref
        self.commit = git.resolve(ref, repo) if ref is not None else None

    @property
    def label(self) -> str:
        return self.ref if self.ref is not None else "arbre de travail"

    def read(self, path: str) -> bytes | None:
        if self.commit is None:
            p = self.repo / path
            return p.read_bytes() if p.is_file() and not p.is_symlink() else None
        return git.show(self.commit, path, self.repo)

    def files(self, prefix: str) -> list[str]:
        if self.commit is None:
            base = self.repo / prefix
            return sorted(p.relative_to(self.repo).as_posix() for p in base.rglob("*") if p.is_file()) if base.is_dir() else []
        return [e.path for e in git.list_tree(self.commit, self.repo, prefix)]

    def owners(self, prefix: str = "offers") -> Owners:
        wanted = [p for p in self.files(prefix) if p.count("/") == prefix.count("/") + 2 and p.endswith("/structure.yml")]
        if self.commit is None:
            contents = {p: self.read(p) for p in wanted}
        else:
            entries = {e.path: e.sha for e in git.list_tree(self.commit, self.repo, prefix) if e.path in wanted}
            blobs = git.read_blobs(list(entries.values()), self.repo)
            contents = {p: blobs[sha] for p, sha in entries.items()}
        structures = {p.split("/")[-2]: maintainers_from(raw) for p, raw in contents.items()}
        return Owners(team_from(self.read(TEAM_FILE)), structures)

    def load(self, prefix: str = "offers", today: dt.date | None = None) -> Loaded:
        """Load and validate the revision's `prefix` folder with the project's own loader."""
        if self.commit is None:
            directory, report = load_directory(self.repo / prefix, today)
            return Loaded(self.label, directory, _relative(report, self.repo), frozenset(self.files(prefix)))
        with tempfile.TemporaryDirectory(prefix="annuaire-revision-") as tmp:
            root = git.materialise(self.commit, self.repo, prefix, Path(tmp))
            directory, report = load_directory(root, today)
            files = frozenset(p.relative_to(tmp).as_posix() for p in Path(tmp).rglob("*") if p.is_file() or p.is_symlink())
            return Loaded(self.label, directory, _relative(report, Path(tmp)), files)


def _relative(report: Report, root: Path) -> Report:
    """Diagnostics name files as they are in the repository, not in a scratch folder."""
    out = Report()
    resolved = root.resolve()
    for d in report.diagnostics:
        path = Path(d.file)
        for base in (root, resolved):
            try:
                path = Path(d.file).relative_to(base)
                break
            except ValueError:
                continue
        out.diagnostics.append(Diagnostic(path.as_posix(), d.line, d.column, d.severity, d.code, d.message, d.hint))
    return out
