"""`annuaire stale [DOSSIER] [--mois N] [--format text|markdown|json]`: what needs checking, per structure."""
from __future__ import annotations

import sys


def _months(value: str) -> int:
    import argparse

    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre de mois attendu, pas « {value} »") from None
    if not 0 <= n <= 240:
        raise argparse.ArgumentTypeError("le nombre de mois doit être entre 0 et 240")
    return n


def register(sub) -> None:
    p = sub.add_parser("stale", help="lister, par structure, les fiches à vérifier (date_maj ancienne)")
    p.add_argument("dossier", nargs="?", default="offers", help="dossier des offres (défaut : offers)")
    p.add_argument("--mois", type=_months, default=None,
                   help="vérifiées il y a plus de N mois (défaut : le seuil du validateur, six mois)")
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="format de sortie")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..diagnostics.reporters import render_text
    from ..directory import load_directory
    from ..review import stale_render
    from ..review.stale import stale

    directory, report = load_directory(args.dossier)
    if report.errors:
        # Invalid files are left out of the listing: say so rather than look complete.
        print(render_text([d for d in report.sorted() if d.severity == "error"]), file=sys.stderr)
        print(f"attention : {report.errors} erreur(s) dans les données ; les fichiers invalides ne sont pas listés.",
              file=sys.stderr)
    found = stale(directory, args.mois)
    render = {"text": stale_render.text, "markdown": stale_render.markdown, "json": stale_render.as_json}[args.format]
    print(render(found, directory.today, args.mois))
    return 0
