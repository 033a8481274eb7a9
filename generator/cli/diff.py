"""`annuaire diff BASE [HEAD] [--format markdown|json]`: what a change does to the directory, in French."""
from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("diff", help="décrire en français ce qu'un changement fait à l'annuaire (commentaire de pull request)")
    p.add_argument("base", help="révision de départ (ex. origin/main, un identifiant de commit)")
    p.add_argument("head", nargs="?", default="HEAD",
                   help="révision d'arrivée (défaut : HEAD ; « . » pour les fichiers tels qu'ils sont sur le disque)")
    p.add_argument("--format", choices=("markdown", "json"), default="markdown", help="format de sortie")
    p.add_argument("--dossier", default="offers", help="dossier des offres dans le dépôt (défaut : offers)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..directory import reference_date
    from ..review import git
    from ..review.diff import compare_revisions
    from ..review.render import as_json, markdown
    from ..review.revision import Revision

    prefix = args.dossier.strip("/")
    today = reference_date()
    try:
        repo = git.toplevel()
        base = Revision(repo, args.base).load(prefix, today)
        head = Revision(repo, None if args.head == "." else args.head).load(prefix, today)
    except git.GitError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 2
    diff = compare_revisions(base, head, prefix, today)
    print(as_json(diff) if args.format == "json" else markdown(diff), end="" if args.format == "markdown" else "\n")
    return 0
