"""`annuaire import FORMAT FICHIER… [--out DOSSIER] [--source NOM] [--dry-run]`."""
from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("import", help="créer ou mettre à jour des dossiers de structure à partir d'un fichier national")
    p.add_argument("format", choices=["mednum", "data-inclusion"],
                   help="mednum : CSV « Lieux de médiation numérique » ; data-inclusion : structures.json et services.json")
    p.add_argument("fichiers", nargs="+", metavar="fichier", help="fichier(s) à importer")
    p.add_argument("--out", default="offers", help="dossier des offres (défaut : offers)")
    p.add_argument("--source", default=None, help="nom de la source, quand le fichier ne le dit pas (défaut : nom du fichier)")
    p.add_argument("--dry-run", action="store_true", help="afficher ce qui serait créé ou modifié, sans rien écrire")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..directory import reference_date
    from ..importers import FORMATS, writer
    from ..importers.csv_reading import SourceError
    from ..importers.report import render

    out = Path(args.out)
    try:
        bundles, report = FORMATS[args.format].convert_files([Path(f) for f in args.fichiers], args.source, reference_date())
    except SourceError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 2
    if out.exists() and not out.is_dir():
        print(f"erreur : {out} existe et n'est pas un dossier", file=sys.stderr)
        return 2
    changes = writer.plan(bundles, out)
    if not args.dry_run:
        writer.apply(changes)
    print(render(report, writer.summary(changes, out), args.dry_run), file=sys.stderr)
    if not args.dry_run and report.imported:
        print(f"Complétez ce que listent « a_completer » et « a_verifier », puis vérifiez avec : annuaire validate {out}",
              file=sys.stderr)
    return 1 if report.rejected or not report.imported else 0
