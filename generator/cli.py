"""Command line: `annuaire validate | new | build | serve | export`."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .diagnostics import render_github, render_json, render_text


def cmd_validate(args) -> int:
    from .directory import load_directory

    directory, report = load_directory(args.dossier)
    diags = report.sorted()
    summary = {**directory.summary, "errors": report.errors, "warnings": report.warnings}
    if args.format == "json":
        print(render_json(diags, summary))
    elif args.format == "github":
        if diags:
            print(render_github(diags))
    else:
        if diags:
            print(render_text(diags))
        verdict = "aucune erreur" if not report.errors else f"{report.errors} erreur(s)"
        print(f"{summary['structures']} structure(s), {summary['lieux']} lieu(x), {summary['offres']} offre(s) : "
              f"{verdict}, {report.warnings} avertissement(s).", file=sys.stderr)
    return 1 if report.errors else 0


def cmd_new(args) -> int:
    from .scaffold import scaffold

    return scaffold(args.identifiant, Path(args.dossier))


def cmd_build(args) -> int:
    from .site.commands import build

    return build(args)


def cmd_serve(args) -> int:
    from .site.commands import serve

    return serve(args)


def cmd_export(args) -> int:
    from .exports import export_all

    return export_all(args)


def cmd_import(args) -> int:
    from .imports import import_mednum

    return import_mednum(args)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="annuaire", description="Annuaire de l'offre de médiation numérique.")
    sub = parser.add_subparsers(dest="commande", required=True, metavar="COMMANDE")
    p = sub.add_parser("validate", help="vérifier les fichiers YAML des structures")
    p.add_argument("dossier", nargs="?", default="offers", help="dossier des offres (défaut : offers)")
    p.add_argument("--format", choices=["text", "json", "github"], default="text", help="format de sortie")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("new", help="créer le dossier commenté d'une nouvelle structure")
    p.add_argument("identifiant", help="identifiant de la structure (minuscules, chiffres, tirets)")
    p.add_argument("--dossier", default="offers", help="dossier des offres (défaut : offers)")
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("build", help="construire le site (dossier site/)")
    p.add_argument("--config", default="mkdocs.yml", help="fichier de configuration mkdocs")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("serve", help="servir le site en local et le reconstruire à chaque modification")
    p.add_argument("--config", default="mkdocs.yml", help="fichier de configuration mkdocs")
    p.add_argument("--adresse", default="127.0.0.1:8000", help="adresse d'écoute (défaut : 127.0.0.1:8000)")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("export", help="écrire les fichiers de données ouvertes")
    p.add_argument("dossier", nargs="?", default="offers", help="dossier des offres (défaut : offers)")
    p.add_argument("--out", default="donnees-export", help="dossier de sortie (défaut : donnees-export)")
    p.add_argument("--site-url", default=None, help="adresse publique du site, pour relier chaque fiche exportée à sa page")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("import", help="créer des dossiers de structure à partir d'un fichier national")
    p.add_argument("format", choices=["mednum"], help="format du fichier (mednum : standard des lieux de médiation numérique)")
    p.add_argument("fichier", help="fichier CSV à importer")
    p.add_argument("--out", default="offers", help="dossier des offres (défaut : offers)")
    p.set_defaults(func=cmd_import)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours must still not greet a volunteer with a traceback
        if os.environ.get("ANNUAIRE_DEBUG"):
            raise
        print(f"erreur interne inattendue ({type(exc).__name__} : {exc}).\n"
              "    → Signalez-la à l'équipe de l'annuaire avec la commande lancée ; ANNUAIRE_DEBUG=1 affiche le détail technique.",
              file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
