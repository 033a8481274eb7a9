"""Build the site and the open-data exports of the sample at two Git revisions and compare them byte for byte.

Usage: python benchmarks/compare_builds.py REF_A [REF_B]   (REF_B defaults to the working tree)

Used to show that a restructuring changes no output: each revision is checked out in a temporary
worktree and built with its own code (PYTHONPATH), the same reference date and the same hash seed.
Exit code 0 when every file is identical, 1 otherwise (the differing files are listed).
"""
from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATE = "2026-11-30"


def build(source: Path, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(source), "ANNUAIRE_DATE": DATE, "PYTHONHASHSEED": "0",
           "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(source / "mkdocs.yml"), "-d", str(out / "site")],
                   cwd=source, env=env, check=True)
    subprocess.run([sys.executable, "-m", "generator.cli", "export", "offers", "--out", str(out / "export")],
                   cwd=source, env=env, check=True, capture_output=True)


def checkout(ref: str, where: Path) -> Path:
    subprocess.run(["git", "worktree", "add", "--detach", str(where), ref], cwd=ROOT, check=True, capture_output=True)
    return where


def differences(a: Path, b: Path) -> list[str]:
    out = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        out.extend(f"{prefix}{n} (seulement à gauche)" for n in cmp.left_only)
        out.extend(f"{prefix}{n} (seulement à droite)" for n in cmp.right_only)
        # shallow=False: compare contents, not only size and modification time.
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(f"{prefix}{n}" for n in mismatch + errors)
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return sorted(out)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="annuaire-comparaison-") as tmp:
        tmp = Path(tmp)
        worktrees = []
        try:
            sources = []
            for i, ref in enumerate(argv[:2]):
                worktrees.append(checkout(ref, tmp / f"src{i}"))
                sources.append(worktrees[-1])
            if len(sources) == 1:
                sources.append(ROOT)
            for i, source in enumerate(sources):
                build(source, tmp / f"out{i}")
            diff = differences(tmp / "out0", tmp / "out1")
        finally:
            for w in worktrees:
                subprocess.run(["git", "worktree", "remove", "--force", str(w)], cwd=ROOT, capture_output=True)
    if diff:
        print(f"{len(diff)} fichier(s) différent(s) :\n" + "\n".join(diff))
        return 1
    print(f"Site et exports identiques à l'octet ({' / '.join(argv[:2]) or ''}{'' if len(argv) > 1 else ' / arbre de travail'}).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
