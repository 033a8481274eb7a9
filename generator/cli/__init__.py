"""Command line `annuaire`: the only layer that parses arguments and prints.

Each command is a module with `register(subparsers)` (its arguments) and `run(args) -> exit code`;
adding a command means adding a module to `COMMANDS`.
"""
from __future__ import annotations

import argparse
import os
import sys

from . import diff, export, imports, new, ownership, site, stale, validate

COMMANDS = (validate, new, site, export, imports, diff, ownership, stale)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="annuaire", description="Annuaire de l'offre de médiation numérique.")
    sub = p.add_subparsers(dest="commande", required=True, metavar="COMMANDE")
    for command in COMMANDS:
        command.register(sub)
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours must still not greet a volunteer with a traceback
        if os.environ.get("ANNUAIRE_DEBUG"):
            raise
        print(f"erreur interne inattendue ({type(exc).__name__} : {exc}).\n"
              "    → Signalez-la à l'équipe de l'annuaire avec la commande lancée ; ANNUAIRE_DEBUG=1 affiche le détail technique.",
              file=sys.stderr)
        return 3
