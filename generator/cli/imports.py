"""`annuaire import FORMAT FICHIER [--out DOSSIER]`."""
from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("import", help="créer des dossiers de structure à partir d'un fichier national")
    p.add_argument("format", choices=["mednum"], help="format du fichier (mednum : standard des lieux de médiation numérique)")
    p.add_argument("fichier", help="fichier CSV à importer")
    p.add_argument("--out", default="offers", help="dossier des offres (défaut : offers)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..imports import import_mednum

    return import_mednum(args)
