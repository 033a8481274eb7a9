"""`annuaire codeowners [--check]` and `annuaire check-ownership --author HANDLE --base REF [--head REF]`."""
from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("codeowners", help="écrire .github/CODEOWNERS à partir des mainteneurs de chaque structure")
    p.add_argument("--dossier", default="offers", help="dossier des offres (défaut : offers)")
    p.add_argument("--check", action="store_true", help="ne rien écrire ; code de sortie 1 si le fichier n'est pas à jour")
    p.set_defaults(run=codeowners)
    p = sub.add_parser("check-ownership", help="vérifier que l'auteur d'un changement tient les structures qu'il modifie")
    p.add_argument("--author", required=True, help="identifiant sur la forge de l'auteur du changement")
    p.add_argument("--base", required=True, help="révision de départ (branche visée par la pull request)")
    p.add_argument("--head", default="HEAD", help="révision proposée (défaut : HEAD)")
    p.add_argument("--dossier", default="offers", help="dossier des offres dans le dépôt (défaut : offers)")
    p.add_argument("--format", choices=("text", "github"), default="text", help="format des messages")
    p.set_defaults(run=check_ownership)


def _fail(message: str, code: int = 2) -> int:
    print(f"erreur : {message}", file=sys.stderr)
    return code


def codeowners(args) -> int:
    from ..review.ownership import CODEOWNERS_FILE, OwnershipError, codeowners as render
    from ..review.revision import Revision

    try:
        text = render(Revision(Path("."), None).owners(args.dossier), args.dossier.strip("/"))
    except OwnershipError as exc:
        return _fail(str(exc))
    target = Path(CODEOWNERS_FILE)
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if args.check:
        if current == text:
            print(f"{CODEOWNERS_FILE} est à jour.", file=sys.stderr)
            return 0
        print(f"erreur : {CODEOWNERS_FILE} ne correspond pas aux mainteneurs des structures.\n"
              f"    → Lancez « annuaire codeowners » et ajoutez {CODEOWNERS_FILE} à votre changement.", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"{CODEOWNERS_FILE} écrit ({text.count(chr(10)) - 4} structure(s)).", file=sys.stderr)
    return 0


def check_ownership(args) -> int:
    from ..diagnostics.reporters import _github_data, _github_property
    from ..review import git
    from ..review.ownership import CODEOWNERS_FILE, OwnershipError, codeowners as render, explain, judge, structure_of
    from ..review.revision import Revision

    prefix = args.dossier.strip("/")
    try:
        repo = git.toplevel()
        base, head = Revision(repo, args.base), Revision(repo, args.head)
        changed = git.changed_paths(base.commit, head.commit, repo)
        base_owners = base.owners(prefix)
        head_owners = head.owners(prefix)
    except (git.GitError, OwnershipError) as exc:
        return _fail(str(exc))
    regenerated = None
    at_head = None
    if CODEOWNERS_FILE in changed:
        # The team stays the base's: changing it is the team's decision, not a side effect.
        regenerated = render(type(head_owners)(base_owners.team, head_owners.structures), prefix)
        raw = head.read(CODEOWNERS_FILE)
        at_head = raw.decode("utf-8", "replace") if raw is not None else None
    refusals = judge(args.author, changed, base_owners, head_owners, regenerated, at_head, prefix)
    if not refusals:
        touched = sorted({s for s in map(lambda p: structure_of(p, prefix), changed) if s})
        scope = f"structure(s) {', '.join(touched)}" if touched else "aucune structure"
        print(f"Propriété vérifiée : @{args.author.removeprefix('@')} peut modifier les {len(changed)} fichier(s) "
              f"changé(s) ({scope}).", file=sys.stderr)
        return 0
    messages = explain(args.author, refusals, base_owners.team)
    for refusal, message in zip(refusals, messages):
        if args.format == "github":
            print(f"::error file={_github_property(refusal.paths[0])},title=propriete::{_github_data(message)}")
        else:
            print(f"erreur : {message}", file=sys.stderr)
    print(f"{len(refusals)} refus : ce changement touche des fichiers que son auteur ne tient pas.", file=sys.stderr)
    return 1
