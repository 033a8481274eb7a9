"""`annuaire validate [DOSSIER] [--format text|json|github]`."""
from __future__ import annotations

import sys

from ..diagnostics.reporters import REPORTER_BY_NAME


def register(sub) -> None:
    p = sub.add_parser("validate", help="vérifier les fichiers YAML des structures")
    p.add_argument("dossier", nargs="?", default="offers", help="dossier des offres (défaut : offers)")
    p.add_argument("--format", choices=sorted(REPORTER_BY_NAME), default="text", help="format de sortie")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..directory import load_directory

    directory, report = load_directory(args.dossier)
    summary = {**directory.summary, "errors": report.errors, "warnings": report.warnings}
    reporter = REPORTER_BY_NAME[args.format]
    text = reporter.render(report.sorted(), summary)
    if text:
        print(text)
    if reporter.verdict_on_stderr:
        verdict = "aucune erreur" if not report.errors else f"{report.errors} erreur(s)"
        print(f"{summary['structures']} structure(s), {summary['lieux']} lieu(x), {summary['offres']} offre(s) : "
              f"{verdict}, {report.warnings} avertissement(s).", file=sys.stderr)
    return 1 if report.errors else 0
