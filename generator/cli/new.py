"""`annuaire new IDENTIFIANT`: a commented structure folder to complete."""
from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("new", help="créer le dossier commenté d'une nouvelle structure")
    p.add_argument("identifiant", help="identifiant de la structure (minuscules, chiffres, tirets)")
    p.add_argument("--dossier", default="offers", help="dossier des offres (défaut : offers)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..scaffold import ScaffoldError, scaffold

    try:
        folder, files = scaffold(args.identifiant, Path(args.dossier))
    except ScaffoldError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 2
    print(f"Dossier créé : {folder}/ ({', '.join(files)}).")
    print("Complétez les fichiers, puis vérifiez-les avec : annuaire validate")
    return 0
