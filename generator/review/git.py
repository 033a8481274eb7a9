"""Reading a revision straight from Git objects, without checking it out: the list of files of a
tree, their contents, and what changed between two revisions.

Everything goes through the `git` command (plumbing commands whose output is stable), so any two
commits can be read while the working tree stays as it is."""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SYMLINK_MODE = "120000"


class GitError(Exception):
    """A Git command failed; the message is in French, for the command line."""


def _git(args: list[str], cwd: str | Path, data: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    except FileNotFoundError:
        raise GitError("la commande « git » est introuvable : installez Git.") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} a échoué : {detail[-1] if detail else 'raison inconnue'}")
    return proc.stdout


def toplevel(cwd: str | Path = ".") -> Path:
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    except GitError:
        raise GitError(f"« {Path(cwd).resolve()} » n'est pas dans un dépôt Git.") from None


def resolve(ref: str, repo: str | Path) -> str:
    """The commit a name designates (branch, tag, hash, HEAD~2…); a French error if there is none."""
    if ref.startswith("-"):
        raise GitError(f"révision invalide : « {ref} »")
    try:
        return _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], repo).decode().strip()
    except GitError:
        raise GitError(f"révision introuvable dans le dépôt : « {ref} »") from None


@dataclass(frozen=True)
class Entry:
    mode: str
    sha: str
    path: str  # relative to the repository root, with "/"


def list_tree(commit: str, repo: str | Path, prefix: str) -> list[Entry]:
    """Files (blobs and symbolic links) under `prefix` in `commit`."""
    raw = _git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", prefix], repo)
    out = []
    for record in raw.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, kind, sha = meta.decode().split(" ")
        if kind == "blob":
            out.append(Entry(mode, sha, path.decode("utf-8", "surrogateescape")))
    return out


def read_blobs(shas: list[str], repo: str | Path) -> dict[str, bytes]:
    """Contents of many blobs in one `git cat-file --batch` call."""
    unique = sorted(set(shas))
    if not unique:
        return {}
    raw = _git(["cat-file", "--batch"], repo, ("\n".join(unique) + "\n").encode())
    out, pos = {}, 0
    for sha in unique:
        end = raw.index(b"\n", pos)
        header = raw[pos:end].split(b" ")
        if len(header) < 3:  # "<sha> missing"
            raise GitError(f"objet Git introuvable : {sha}")
        size = int(header[2])
        out[sha] = raw[end + 1:end + 1 + size]
        pos = end + 1 + size + 1
    return out


def show(commit: str, path: str, repo: str | Path) -> bytes | None:
    """One file of a revision, or None if it does not exist there."""
    entries = [e for e in list_tree(commit, repo, path) if e.path == path]
    if not entries:
        return None
    return read_blobs([entries[0].sha], repo)[entries[0].sha]


def materialise(commit: str, repo: str | Path, prefix: str, dest: Path) -> Path:
    """Write the files of `prefix` at `commit` under `dest` (symbolic links stay links, so the
    loader refuses them as it would in a working tree). Returns `dest / prefix`."""
    entries = list_tree(commit, repo, prefix)
    blobs = read_blobs([e.sha for e in entries], repo)
    root = dest.resolve()
    for e in entries:
        rel = PurePosixPath(e.path)
        target = (dest / rel).resolve() if ".." not in rel.parts else None
        if target is None or not target.is_relative_to(root):
            continue  # Git refuses such paths already; never write outside the scratch folder
        target.parent.mkdir(parents=True, exist_ok=True)
        if e.mode == SYMLINK_MODE:
            os.symlink(blobs[e.sha].decode("utf-8", "surrogateescape"), target)
        else:
            target.write_bytes(blobs[e.sha])
    (dest / prefix).mkdir(parents=True, exist_ok=True)
    return dest / prefix


def merge_base(a: str, b: str, repo: str | Path) -> str:
    try:
        return _git(["merge-base", a, b], repo).decode().strip()
    except GitError:
        return a  # unrelated histories: compare with `a` itself


def changed_paths(base: str, head: str, repo: str | Path) -> list[str]:
    """Paths changed on `head` since it left `base` (both sides of a rename are listed)."""
    raw = _git(["diff", "--name-only", "--no-renames", "-z", merge_base(base, head, repo), head, "--"], repo)
    return sorted({p.decode("utf-8", "surrogateescape") for p in raw.split(b"\0") if p})
