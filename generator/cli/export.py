"""`annuaire export [DOSSIER] [--out DOSSIER] [--site-url URL]`."""
from __future__ import annotations

import sys
import time
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("export", help="écrire les fichiers de données ouvertes")
    p.add_argument("dossier", nargs="?", default="offers", help="dossier des offres (défaut : offers)")
    p.add_argument("--out", default="donnees-export", help="dossier de sortie (défaut : donnees-export)")
    p.add_argument("--site-url", default=None, help="adresse publique du site, pour relier chaque fiche exportée à sa page")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..diagnostics.reporters import render_text
    from ..directory import load_directory
    from ..exports import FILES, write_all

    started = time.perf_counter()
    directory, report = load_directory(args.dossier)
    if report.errors:
        print(render_text(report.sorted()), file=sys.stderr)
        print(f"Export annulé : {report.errors} erreur(s) dans les données. Corrigez-les (annuaire validate) puis relancez.",
              file=sys.stderr)
        return 1
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"erreur : {out} existe et n'est pas un dossier", file=sys.stderr)
        return 2
    try:
        counts = write_all(directory, out, args.site_url)
    except OSError as exc:
        print(f"erreur : écriture impossible dans {out} ({exc.strerror or exc})", file=sys.stderr)
        return 2
    for name in FILES:
        if name in counts:
            print(f"{out / name} : {counts[name]} {FILES[name]['unite']}")
    families = len(counts) - sum(name in counts for name in FILES)
    print(f"{len(counts)} fichier(s) écrit(s) dans {out}/ ({families} agendas et flux par offre, structure, "
          f"département ou segment) en {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    return 0
